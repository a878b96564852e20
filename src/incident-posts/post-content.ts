// What an update or an answer says, per locale, and how a surface picks the customer's locale.
import { z } from 'zod';
import { localeChain } from '../dispatch/template-resolver';

export const POST_KINDS = ['update', 'answer'] as const;
export type PostKind = (typeof POST_KINDS)[number];

const locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a locale such as en or fr-CA');
/** Plain text (escaped wherever it is shown); blank lines separate paragraphs. */
const text = (max: number) => z.string().trim().min(1).max(max);

export const updateContentSchema = z.record(locale, z.strictObject({ text: text(4000) })).refine((c) => Object.keys(c).length >= 1 && Object.keys(c).length <= 20, 'one to twenty locales');
export const answerContentSchema = z
  .record(locale, z.strictObject({ question: text(300), answer: text(4000) }))
  .refine((c) => Object.keys(c).length >= 1 && Object.keys(c).length <= 20, 'one to twenty locales');

export type UpdateContent = Record<string, { text: string }>;
export type AnswerContent = Record<string, { question: string; answer: string }>;
export type PostContent = UpdateContent | AnswerContent;

/** The locale to show: the reader's (fr-CA → fr), then the incident's default, then the first written. */
export function pickLocale(available: string[], wanted: string, defaultLocale: string): string {
  return localeChain(wanted, defaultLocale).find((l) => available.includes(l)) ?? available[0];
}

/** Paragraphs of a plain text (blank lines separate them). */
export const paragraphs = (t: string) =>
  t
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

import { Injectable } from '@nestjs/common';
import { Template } from '@prisma/client';
import { TemplateRepository } from '../templates/template.repository';

const LATEST_TTL_MS = 5000;
const MAX_CACHED = 2000;

/**
 * Finds the template version for a recipient: customer locale (fr-CA) → language (fr) → runbook default,
 * among the versions the step froze at declaration. Versions are immutable, so they are cached by id;
 * a batch of recipients costs no template query at all once warm.
 */
@Injectable()
export class TemplateResolver {
  private readonly byId = new Map<string, Template>();
  private readonly latest = new Map<string, { at: number; template: Template | null }>();

  constructor(private readonly templates: TemplateRepository) {}

  async resolve(pins: Record<string, string>, key: string, channel: string, locale: string, defaultLocale: string): Promise<Template | null> {
    const chain = localeChain(locale, defaultLocale);
    if (Object.keys(pins).length) {
      const id = chain.map((l) => pins[l]).find(Boolean);
      return id ? this.get(id) : null;
    }
    // a step without frozen versions (declared before pinning existed): newest version
    for (const candidate of chain) {
      const t = await this.newest(key, channel, candidate);
      if (t) return t;
    }
    return null;
  }

  private async get(id: string): Promise<Template | null> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    const t = await this.templates.findById(id);
    if (t) {
      if (this.byId.size >= MAX_CACHED) this.byId.delete(this.byId.keys().next().value as string);
      this.byId.set(id, t);
    }
    return t;
  }

  private async newest(key: string, channel: string, locale: string): Promise<Template | null> {
    const id = `${key}\u0000${channel}\u0000${locale}`;
    const hit = this.latest.get(id);
    if (hit && Date.now() - hit.at < LATEST_TTL_MS) return hit.template;
    const template = await this.templates.findLatest(key, channel, locale);
    this.latest.set(id, { at: Date.now(), template });
    return template;
  }
}

export function localeChain(locale: string, defaultLocale: string): string[] {
  const chain = [locale];
  const lang = locale.split('-')[0];
  if (lang !== locale) chain.push(lang);
  if (!chain.includes(defaultLocale)) chain.push(defaultLocale);
  return chain;
}

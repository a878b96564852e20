import { Injectable } from '@nestjs/common';
import { Template } from '@prisma/client';
import { TemplateRepository } from '../templates/template.repository';

const TTL_MS = 5000;

/**
 * Finds the template version for a recipient: customer locale (fr-CA) → language (fr) → runbook default.
 * Lookups are cached briefly so a batch of a hundred recipients costs one query per locale, not per recipient.
 */
@Injectable()
export class TemplateResolver {
  private readonly cache = new Map<string, { at: number; template: Template | null }>();

  constructor(private readonly templates: TemplateRepository) {}

  async resolve(key: string, channel: string, locale: string, defaultLocale: string): Promise<Template | null> {
    for (const candidate of localeChain(locale, defaultLocale)) {
      const t = await this.latest(key, channel, candidate);
      if (t) return t;
    }
    return null;
  }

  private async latest(key: string, channel: string, locale: string): Promise<Template | null> {
    const id = `${key}\u0000${channel}\u0000${locale}`;
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.template;
    const template = await this.templates.findLatest(key, channel, locale);
    this.cache.set(id, { at: Date.now(), template });
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

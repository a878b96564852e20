import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { shippedTemplates } from './shipped-templates';
import { TemplateRepository } from './template.repository';

/**
 * Makes the default templates (templates/<key>/<channel>/<locale>.json) available at start: each one is
 * saved as version 1 when no version of it exists yet. Never overwrites what comms staff wrote.
 */
@Injectable()
export class ShippedTemplatesLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ShippedTemplatesLoader.name);

  constructor(private readonly templates: TemplateRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    let loaded = 0;
    for (const t of shippedTemplates()) {
      if (await this.templates.findLatest(t.key, t.channel, t.locale)) continue;
      await this.templates.createVersionIfNone({
        key: t.key,
        channel: t.channel,
        locale: t.locale,
        subject: t.input.subject ?? null,
        html: t.input.html ?? null,
        text: t.input.text ?? null,
        body: t.input.body ?? null,
        variables: t.input.variables,
        createdByName: 'tocsin (shipped default)',
      });
      loaded++;
    }
    if (loaded) this.logger.log(`loaded ${loaded} default templates`);
  }
}

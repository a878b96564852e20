import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PutTemplate, putTemplateSchema } from './dto/template.dto';
import { TEMPLATES_DIR } from './template-engine';
import { Channel, CHANNELS } from './template-fields';

export interface ShippedTemplate {
  key: string;
  channel: Channel;
  locale: string;
  file: string;
  input: PutTemplate;
}

/** The default templates in templates/<key>/<channel>/<locale>.json. */
export function shippedTemplates(root = TEMPLATES_DIR): ShippedTemplate[] {
  const out: ShippedTemplate[] = [];
  for (const key of readdirSync(root)) {
    if (key === 'partials' || key === 'phrases' || !statSync(path.join(root, key)).isDirectory()) continue;
    for (const channel of readdirSync(path.join(root, key))) {
      if (!(CHANNELS as readonly string[]).includes(channel)) continue;
      for (const f of readdirSync(path.join(root, key, channel)).filter((x) => x.endsWith('.json'))) {
        const file = path.join(root, key, channel, f);
        out.push({ key, channel: channel as Channel, locale: f.replace(/\.json$/, ''), file, input: putTemplateSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) });
      }
    }
  }
  return out;
}

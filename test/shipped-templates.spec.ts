import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { putEmailTemplateSchema } from '../src/templates/dto/template.dto';
import { TemplateEngine } from '../src/templates/template-engine';

const root = path.resolve(__dirname, '../templates');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

describe('Templates shipped in templates/', () => {
  const engine = new TemplateEngine();
  const emails = files(root).filter((f) => f.includes(`${path.sep}email${path.sep}`) && f.endsWith('.json'));

  it('ship at least the default breach notice', () => expect(emails.length).toBeGreaterThan(0));

  it.each(emails.map((f) => [path.relative(root, f), f]))('%s is a valid email template body that renders every declared variable', (_, file) => {
    const body = putEmailTemplateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(engine.validate(body)).toEqual([]);
    const facts = Object.fromEntries(body.variables.filter((v) => v.startsWith('facts.')).map((v) => [v.slice(6), `<${v}>`]));
    const out = engine.render(file, body, { customer: { name: 'Ada' }, incident: {}, facts });
    for (const v of Object.keys(facts)) expect(out.text).toContain(`<facts.${v}>`);
    expect(out.html).toContain('Dear Ada');
  });
});

import { PutTemplate } from './dto/template.dto';
import { TemplateEngine, TemplateProblem } from './template-engine';
import { Channel, CHANNEL_FIELDS, checkDeclaredVariable, TemplateField } from './template-fields';

export const TEMPLATE_FIELDS: TemplateField[] = ['subject', 'html', 'text', 'body'];

/** Every problem of a template body for a channel: its shape, declared variables, syntax and subject. */
export function checkTemplate(engine: TemplateEngine, channel: Channel, input: PutTemplate): TemplateProblem[] {
  const spec = CHANNEL_FIELDS[channel];
  const problems: TemplateProblem[] = [];
  const at = (field: string, message: string) => problems.push({ field, line: 1, column: 1, message });
  for (const f of spec.required) if (input[f] == null) at(f, `${channel} templates need ${f}`);
  for (const f of TEMPLATE_FIELDS) {
    if (input[f] != null && !spec.required.includes(f) && !spec.optional.includes(f)) at(f, `${channel} templates have no ${f}`);
  }
  input.variables.forEach((v, i) => {
    const why = checkDeclaredVariable(v);
    if (why) at(`variables.${i}`, `${v}: ${why}`);
  });
  if (input.subject && /[\r\n]/.test(input.subject)) {
    problems.push({ field: 'subject', line: 1, column: input.subject.search(/[\r\n]/) + 1, message: 'a subject is one line (no CR/LF)' });
  }
  problems.push(...engine.validate(input, input.variables));
  return problems;
}

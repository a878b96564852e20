// The template editor's HTML form as the API's template body, and the sample facts a preview starts with.
import { z } from 'zod';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { PutTemplate, putTemplateSchema } from '../../templates/dto/template.dto';
import { Channel, CHANNEL_FIELDS, requiredFacts, TemplateField } from '../../templates/template-fields';

export const EDITOR_FIELDS: TemplateField[] = ['subject', 'html', 'text', 'body'];

const formSchema = z.object({
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  body: z.string().optional(),
  variables: z.string().max(20_000).optional(),
});

/** Declared variables typed one per line (commas and spaces also separate them). */
export function parseVariables(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(/[\s,]+/).filter(Boolean))];
}

/**
 * The posted form as a template body: only the channel's fields, empty ones left out (so the template
 * check reports "email templates need text" rather than a length error). Validated by the API's schema.
 */
export function templateFromForm(channel: Channel, form: Record<string, unknown>): PutTemplate {
  const f = formSchema.parse(form);
  const spec = CHANNEL_FIELDS[channel];
  const fields = [...spec.required, ...spec.optional];
  const raw: Record<string, unknown> = { variables: parseVariables(f.variables) };
  for (const name of fields) {
    // browsers post CRLF line ends; templates are stored with LF so diffs and line numbers stay clean
    const v = f[name]?.replace(/\r\n?/g, '\n');
    if (v && v.trim()) raw[name] = v;
  }
  const parsed = putTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppException(
      ErrorCode.TemplateInvalid,
      `Template has ${issues.length} problem(s)`,
      issues.map((i) => ({ field: i.path.split('.')[0] || 'template', line: 1, column: 1, message: i.message })),
    );
  }
  return parsed.data;
}

/** One sample value per declared fact, so a new template previews at once: `{"hotline": "Sample hotline"}`. */
export function sampleFacts(variables: readonly string[]): Record<string, string> {
  return Object.fromEntries(requiredFacts(variables).map((f) => [f, `Sample ${f}`]));
}

/** Which fields the editor shows for a channel, with their labels. */
export function editorFields(channel: Channel, values: Partial<Record<TemplateField, string | null>>) {
  const spec = CHANNEL_FIELDS[channel];
  const label: Record<TemplateField, string> = {
    subject: channel === 'page' ? 'Page title' : 'Subject',
    html: 'HTML',
    text: channel === 'sms' ? 'SMS text' : 'Plain text',
    body: 'JSON body',
  };
  return EDITOR_FIELDS.filter((f) => spec.required.includes(f) || spec.optional.includes(f)).map((f) => ({
    name: f,
    label: label[f],
    required: spec.required.includes(f),
    value: values[f] ?? '',
    singleLine: f === 'subject',
    rows: f === 'html' ? 16 : f === 'body' ? 14 : 8,
  }));
}

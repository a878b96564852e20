import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { PreviewInput } from '../../templates/dto/template.dto';
import { TemplatePreviewService } from '../../templates/template-preview.service';
import { Channel, CHANNEL_FIELDS } from '../../templates/template-fields';
import { TemplatesService } from '../../templates/templates.service';
import { editorFields, parseVariables, sampleFacts, templateFromForm } from './template-form';

interface Problem {
  field: string;
  line: number;
  column: number;
  message: string;
}

type Sources = Partial<Record<'subject' | 'html' | 'text' | 'body', string | null>>;

/**
 * The template editor page's data: sources, declared variables, history, sample facts and a first preview
 * (so the page shows a result before, or without, its script). Every rule stays in the templates services.
 */
@Injectable()
export class TemplateEditorView {
  constructor(
    private readonly templates: TemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  /** The newest saved version (or the one asked for), or an empty editor for a template not written yet. */
  async forSaved(key: string, channel: Channel, locale: string, version?: number, kept: { customerId?: string; factsText?: string } = {}) {
    const history = await this.history(key, channel, locale);
    const shown = version ? await this.templates.version(key, channel, locale, version) : history?.latest;
    const sources = (shown ?? {}) as Sources & { variables?: string[]; version?: number };
    const variables = sources.variables ?? [];
    // the customer and facts the author previewed with before saving, else sample facts for the declared variables
    const facts = this.keptFacts(kept.factsText) ?? sampleFacts(variables);
    const customerId = kept.customerId?.trim() ?? '';
    const result = history
      ? await this.tryPreview({ channel, locale, template: pickSources(channel, sources, variables), facts, ...(customerId ? { customer: { externalId: customerId } } : {}) })
      : { preview: null, problems: [] };
    return this.page(key, channel, locale, {
      sources,
      variablesText: variables.join('\n'),
      factsText: this.keptFacts(kept.factsText) ? kept.factsText! : JSON.stringify(facts, null, 2),
      customerId,
      history,
      shownVersion: sources.version ?? null,
      ...result,
    });
  }

  /** The posted form again, with the problems of a refused save or the preview of the posted sources. */
  async forDraft(key: string, channel: Channel, locale: string, form: Record<string, unknown>, error: AppException | null) {
    const history = await this.history(key, channel, locale);
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const sources: Sources = { subject: str('subject'), html: str('html'), text: str('text'), body: str('body') };
    let result: { preview: unknown; problems: Problem[] };
    if (error) result = { preview: null, problems: problemsOf(error) };
    else {
      try {
        const customerId = str('customerId').trim();
        result = await this.tryPreview({
          channel,
          locale,
          template: templateFromForm(channel, form),
          facts: this.factsFromText(str('facts')),
          ...(customerId ? { customer: { externalId: customerId } } : {}),
        });
      } catch (e) {
        if (!(e instanceof AppException)) throw e;
        result = { preview: null, problems: problemsOf(e) };
      }
    }
    return this.page(key, channel, locale, {
      sources,
      variablesText: parseVariables(str('variables')).join('\n'),
      factsText: str('facts'),
      customerId: str('customerId'),
      history,
      shownVersion: null,
      ...result,
    });
  }

  diff(d: { key: string; channel: string; locale: string; from: number; to: number; changed: string[]; changes: Record<string, string> }) {
    return {
      title: `${d.key} · ${d.channel} · ${d.locale}: v${d.from} → v${d.to}`,
      ...d,
      editUrl: `/console/templates/${encodeURIComponent(d.key)}/${d.channel}/${encodeURIComponent(d.locale)}`,
      fields: d.changed.map((field) => ({
        field,
        lines: d.changes[field]
          .split('\n')
          .slice(4) // the patch header: Index, ===, ---, +++
          .filter((l) => l !== '\\ No newline at end of file')
          .map((l) => ({ text: l, kind: l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'same' })),
      })),
    };
  }

  /**
   * The preview as a document of its own, for the editor's preview frame: the email's HTML exactly as it
   * will be sent (its own styles apply there, which the console page's strict policy would block), or the
   * problems that stop it rendering.
   */
  async previewDocument(channel: Channel, locale: string, form: Record<string, unknown>): Promise<string> {
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    try {
      const customerId = str('customerId').trim();
      const r = (await this.previews.preview({
        channel,
        locale,
        template: templateFromForm(channel, form),
        facts: this.factsFromText(str('facts')),
        ...(customerId ? { customer: { externalId: customerId } } : {}),
      } as PreviewInput)) as { html?: string; text?: string; body?: unknown };
      return documentOf(r);
    } catch (e) {
      if (!(e instanceof AppException)) throw e;
      return problemsDocument(problemsOf(e));
    }
  }

  /** The same for a saved version (what the frame shows when the editor opens), with sample facts. */
  async savedPreviewDocument(key: string, channel: Channel, locale: string, version?: number): Promise<string> {
    const t = (version ? await this.templates.version(key, channel, locale, version) : (await this.templates.history(key, channel, locale)).latest) as Sources & { variables: string[] };
    const facts = sampleFacts(t.variables);
    const result = await this.tryPreview({ channel, locale, template: pickSources(channel, t, t.variables), facts });
    return result.preview ? documentOf(result.preview as { html?: string; text?: string }) : problemsDocument(result.problems);
  }

  /** The editor's "sample facts" box: a JSON object of fact name → value. */
  /** Facts carried over a save: used only when they still read as facts. */
  private keptFacts(text: string | undefined): Record<string, string | number | boolean> | null {
    if (!text?.trim()) return null;
    try {
      return this.factsFromText(text);
    } catch {
      return null;
    }
  }

  factsFromText(text: string | undefined): Record<string, string | number | boolean> {
    if (!text || !text.trim()) return {};
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new AppException(ErrorCode.ValidationFailed, 'Sample facts must be a JSON object, e.g. {"hotline": "0800 123 456"}');
    }
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => !['string', 'number', 'boolean'].includes(typeof x))) {
      throw new AppException(ErrorCode.ValidationFailed, 'Sample facts must be a JSON object of names to strings, numbers or booleans');
    }
    return v as Record<string, string | number | boolean>;
  }

  private async history(key: string, channel: Channel, locale: string) {
    try {
      return await this.templates.history(key, channel, locale);
    } catch (e) {
      if (e instanceof AppException && e.code === ErrorCode.NotFound) return null;
      throw e;
    }
  }

  private async tryPreview(input: Omit<PreviewInput, 'facts'> & { facts: PreviewInput['facts'] }): Promise<{ preview: unknown; problems: Problem[] }> {
    try {
      return { preview: await this.previews.preview(input as PreviewInput), problems: [] };
    } catch (e) {
      if (e instanceof AppException && [ErrorCode.TemplateInvalid, ErrorCode.TemplateRenderFailed, ErrorCode.NotFound, ErrorCode.ValidationFailed].includes(e.code)) {
        return { preview: null, problems: problemsOf(e) };
      }
      throw e;
    }
  }

  private page(
    key: string,
    channel: Channel,
    locale: string,
    p: { sources: Sources; variablesText: string; factsText: string; customerId: string; history: Awaited<ReturnType<TemplateEditorView['history']>>; shownVersion: number | null; preview: unknown; problems: Problem[] },
  ) {
    const versions = (p.history?.versions ?? []).map((v, i, all) => ({ ...v, previous: all[i + 1]?.version ?? null }));
    return {
      title: `Template ${key} · ${channel} · ${locale}`,
      key,
      channel,
      locale,
      isNew: !p.history,
      latestVersion: p.history?.latest.version ?? null,
      shownVersion: p.shownVersion,
      fields: editorFields(channel, p.sources),
      variablesText: p.variablesText,
      factsText: p.factsText,
      customerId: p.customerId,
      versions,
      preview: p.preview,
      previewBody: (p.preview as { body?: unknown } | null)?.body === undefined ? null : JSON.stringify((p.preview as { body: unknown }).body, null, 2),
      problems: p.problems.map((x) => ({ ...x, excerpt: excerpt((p.sources as Record<string, string | null | undefined>)[x.field], x.line, x.column) })),
      canTestSend: channel === 'email' && !!p.history,
      hasHtml: CHANNEL_FIELDS[channel].required.includes('html'),
      // the frame shows the saved version from the server; a re-rendered draft (no script) inlines its HTML
      frameSrc: p.history && p.shownVersion ? `/console/templates/${encodeURIComponent(key)}/${channel}/${encodeURIComponent(locale)}/preview.html?version=${p.shownVersion}` : null,
      previewUrl: '/console/templates/preview',
    };
  }
}

function pickSources(channel: Channel, s: Sources, variables: string[]) {
  return templateFromForm(channel, { subject: s.subject ?? '', html: s.html ?? '', text: s.text ?? '', body: s.body ?? '', variables: variables.join('\n') });
}

function problemsOf(e: AppException): Problem[] {
  if (Array.isArray(e.details)) {
    return (e.details as Partial<Problem & { path: string }>[]).map((d) => ({ field: d.field ?? d.path ?? '', line: d.line ?? 1, column: d.column ?? 1, message: d.message ?? e.message }));
  }
  const pos = e.details as { line?: number; column?: number } | undefined;
  return [{ field: '', line: pos?.line ?? 0, column: pos?.column ?? 0, message: e.message }];
}

/** The line a problem is on, and a caret under its column. */
function excerpt(source: string | null | undefined, line: number, column: number): { line: string; caret: string } | null {
  if (!source || line < 1) return null;
  const text = source.split('\n')[line - 1];
  if (text === undefined) return null;
  return { line: text, caret: ' '.repeat(Math.max(0, column - 1)) + '^' };
}

const esc = (v: string) => Handlebars.Utils.escapeExpression(v);
const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head><body>${body}</body></html>`;

function documentOf(r: { html?: string; text?: string; body?: unknown }): string {
  if (r.html) return r.html;
  if (r.text) return page(`<pre style="white-space:pre-wrap;font:14px/1.5 monospace">${esc(r.text)}</pre>`);
  return page(`<pre>${esc(JSON.stringify(r.body ?? null, null, 2))}</pre>`);
}

function problemsDocument(problems: Problem[]): string {
  const items = problems.map((p) => `<li>${esc(p.field || 'template')}${p.line ? `, line ${p.line}, column ${p.column}` : ''}: ${esc(p.message)}</li>`).join('');
  return page(`<p style="font:15px system-ui,sans-serif;color:#a11">Not rendered: ${problems.length} problem(s)</p><ul style="font:14px system-ui,sans-serif">${items}</ul>`);
}

import { Injectable } from '@nestjs/common';
import { TemplateEngine } from '../templates/template-engine';
import { TemplateRepository } from '../templates/template.repository';
import { renderContext, SAMPLE_OFFER } from '../templates/render-context';

/**
 * Errors that depend on the values of one incident or recipient (a fact that is not a date for
 * formatDate, an empty optional value, a sample that is not a URL): the sample data cannot tell whether
 * the real data will be right, so they do not block a publish. Anything else (an unknown helper or
 * partial, a missing phrase, a template that does not compile, a notice too large) fails every recipient
 * on the day, and does.
 */
const VALUE_DEPENDENT = /^(formatDate|formatNumber|url): |is empty for this recipient| not defined in /;

const SAMPLE_DATE = '2026-01-15T09:30:00.000Z';

/** A value for every declared variable, so the render reaches every helper and partial. */
function sampleFacts(declared: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const v of declared) {
    const parts = v.split('.');
    let node = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] ??= /date|time|At$/i.test(p) ? SAMPLE_DATE : /url|link/i.test(p) ? 'https://example.com/sample' : `sample ${p}`;
      else node = (node[p] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

/** Publish renders each template of the runbook once with sample data: a runbook that cannot send is not published. */
@Injectable()
export class PublishRenderCheck {
  constructor(
    private readonly engine: TemplateEngine,
    private readonly templates: TemplateRepository,
  ) {}

  /** The reason a template version cannot be rendered for anyone, or null. */
  async problem(templateId: string, locale: string): Promise<string | null> {
    const [t] = await this.templates.findByIds([templateId]);
    if (!t) return null;
    const sample = sampleFacts(t.variables);
    const customer = { externalId: 'sample-1', name: 'Sam Sample', email: 'sam@example.com', phone: '+15555550100', locale, timezone: 'UTC', attributes: (sample.customer as Record<string, unknown>)?.attributes ?? {}, tags: [] };
    const incident = { id: '00000000-0000-4000-8000-000000000000', title: 'Sample incident', type: 'data_breach', severity: 'high', awareAt: SAMPLE_DATE, declaredAt: SAMPLE_DATE, jurisdictions: ['EU'] };
    try {
      this.engine.render(null, t, renderContext(customer, incident, sample.facts ?? {}, { url: 'https://tocsin.example/n/sample' }, SAMPLE_OFFER));
      return null;
    } catch (e) {
      const message = (e as Error).message;
      return VALUE_DEPENDENT.test(message) ? null : message.split('\n')[0];
    }
  }
}

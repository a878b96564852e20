import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { MailTransport } from '../channels/email/mail-transport';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { CustomersService } from '../customers/customers.service';
import { PreviewInput, PutTemplate, TestSendInput } from './dto/template.dto';
import { CustomerLike, IncidentLike, renderContext, SAMPLE_OFFER } from './render-context';
import { smsSize } from './sms-segments';
import { Rendered, TemplateEngine, TemplateSources } from './template-engine';
import { Channel } from './template-fields';
import { TemplateRepository } from './template.repository';
import { TemplatesService } from './templates.service';

type CustomerChoice = PreviewInput['customer'];
type IncidentSample = PreviewInput['incident'];

/** Preview (render without sending) and test-send (one real email, marked as a test). */
@Injectable()
export class TemplatePreviewService {
  private readonly domain: string;
  private readonly testDomains: string[];
  /** previews and test messages show where the customer's personal link goes (it leads to the not-found page) */
  private readonly sampleNotice: { url: string };

  constructor(
    private readonly templates: TemplateRepository,
    private readonly service: TemplatesService,
    private readonly engine: TemplateEngine,
    private readonly customers: CustomersService,
    private readonly mail: MailTransport,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'tocsin.invalid';
    this.testDomains = config.TEST_SEND_DOMAINS;
    this.sampleNotice = { url: `${config.PUBLIC_URL.replace(/\/+$/, '')}/n/sample-notice-link` };
  }

  async preview(input: PreviewInput) {
    const locale = input.locale ?? 'en';
    let sources: TemplateSources & { variables: string[] };
    let version: { id: string; version: number } | null = null;
    if (input.template) {
      const problems = this.service.check(input.channel, input.template as PutTemplate);
      if (problems.length) throw new AppException(ErrorCode.TemplateInvalid, `Template has ${problems.length} problem(s)`, problems);
      sources = input.template;
    } else {
      const t = input.version
        ? await this.templates.findVersion(input.key!, input.channel, locale, input.version)
        : await this.templates.findLatest(input.key!, input.channel, locale);
      if (!t) throw AppException.notFound('Template', `${input.key}/${input.channel}/${locale}${input.version ? '@' + input.version : ''}`);
      sources = t;
      version = { id: t.id, version: t.version };
    }
    const rendered = await this.render(version?.id ?? null, sources, input.customer, input.incident, input.facts, locale);
    return {
      channel: input.channel,
      ...(version ? { templateVersion: version.version } : {}),
      ...pick(rendered, input.channel),
      ...(input.channel === 'sms' ? { sms: smsSize(rendered.text) } : {}),
    };
  }

  async testSend(key: string, input: TestSendInput, actor: Actor) {
    this.assertTestRecipient(input.to, actor);
    const t = input.version
      ? await this.templates.findVersion(key, 'email', input.locale, input.version)
      : await this.templates.findLatest(key, 'email', input.locale);
    if (!t) throw AppException.notFound('Template', `${key}/email/${input.locale}${input.version ? '@' + input.version : ''}`);
    const rendered = await this.render(t.id, t, input.customer, input.incident, input.facts, input.locale);
    const messageId = `<test-${randomUUID()}@${this.domain}>`;
    const outcome = await this.mail.send({
      messageId,
      to: { name: null, address: input.to },
      subject: `[TEST] ${rendered.subject}`,
      html: markHtmlAsTest(rendered.html),
      text: `${TEST_BANNER}\n\n${rendered.text}`,
      headers: { 'X-Tocsin-Test': 'true', 'X-Tocsin-Template': `${t.key}/email/${t.locale}@${t.version}` },
    });
    if (!outcome.ok) throw new AppException(ErrorCode.DeliveryFailed, `The SMTP server refused the test message: ${outcome.error}`);
    await this.audit.record({
      actorId: actor.id,
      actorName: actor.name,
      action: 'template.test_sent',
      entityType: 'template',
      entityId: t.id,
      data: { key, locale: t.locale, version: t.version, to: input.to },
    });
    return { sent: true, to: input.to, messageId, templateVersion: t.version, subject: `[TEST] ${rendered.subject}` };
  }

  /** Not an open relay with the company's sender: only the caller's own address or an allowed domain. */
  private assertTestRecipient(to: string, actor: Actor): void {
    const address = to.trim().toLowerCase();
    if (actor.email && actor.email.toLowerCase() === address) return;
    const domain = address.split('@').pop() ?? '';
    if (this.testDomains.includes(domain)) return;
    const allowed = this.testDomains.length ? `an address at ${this.testDomains.join(', ')}` : 'no other address (TEST_SEND_DOMAINS is empty)';
    throw new AppException(ErrorCode.Forbidden, `Test messages go to your own address${actor.email ? ` (${actor.email})` : ''} or ${allowed}`);
  }

  private async render(cacheKey: string | null, sources: TemplateSources, choice: CustomerChoice, sample: IncidentSample, facts: Record<string, unknown>, locale: string): Promise<Rendered> {
    const customer = await this.customerFor(choice, locale);
    const now = this.clock.now().toISOString();
    const incident: IncidentLike = {
      id: 'preview',
      title: sample?.title ?? 'Sample incident',
      type: sample?.type ?? 'data_breach',
      severity: sample?.severity ?? 'high',
      awareAt: sample?.awareAt ?? now,
      declaredAt: sample?.declaredAt ?? now,
      jurisdictions: sample?.jurisdictions ?? [],
    };
    try {
      return this.engine.render(cacheKey, sources, renderContext(customer, incident, facts, this.sampleNotice, SAMPLE_OFFER));
    } catch (e) {
      throw new AppException(ErrorCode.TemplateRenderFailed, `Rendering failed: ${(e as Error).message}`, templateErrorPosition(e as Error));
    }
  }

  private async customerFor(choice: CustomerChoice, locale: string): Promise<CustomerLike> {
    if (choice && 'externalId' in choice) return this.customers.get(choice.externalId);
    const s = choice?.sample ?? {};
    return {
      externalId: s.externalId ?? 'sample-customer',
      name: s.name === undefined ? 'Alex Sample' : s.name,
      email: s.email === undefined ? 'alex.sample@example.com' : s.email,
      phone: s.phone === undefined ? '+15555550100' : s.phone,
      locale: s.locale ?? locale,
      timezone: s.timezone ?? 'UTC',
      attributes: s.attributes ?? {},
      tags: s.tags ?? [],
    };
  }
}

const TEST_BANNER = '*** TEST MESSAGE: not sent to any customer ***';

/** The HTML part says it is a test too, at the top of the body, whatever the template. */
export function markHtmlAsTest(html: string): string {
  const banner = `<div style="background:#fde68a;color:#000;border:2px solid #b45309;padding:8px;font:bold 14px sans-serif" role="note">${TEST_BANNER}</div>`;
  return /<body[^>]*>/i.test(html) ? html.replace(/<body[^>]*>/i, (m) => `${m}${banner}`) : `${banner}${html}`;
}

function pick(r: Rendered, channel: Channel) {
  switch (channel) {
    case 'email':
      return { subject: r.subject, html: r.html, text: r.text };
    case 'sms':
      return { text: r.text };
    case 'webhook':
      return { body: r.body };
    case 'page':
      return { title: r.subject, html: r.html, ...(r.text ? { text: r.text } : {}) };
  }
}

/** Handlebars runtime errors end with " - line:column"; return it when present. */
function templateErrorPosition(e: Error): { line: number; column: number } | undefined {
  const m = / - (\d+):(\d+)$/.exec(e.message);
  return m ? { line: Number(m[1]), column: Number(m[2]) + 1 } : undefined;
}

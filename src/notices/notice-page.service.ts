import Handlebars from 'handlebars';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { MAX_QUESTION, NoticeQuestionService } from '../contacts/notice-question/notice-question.service';
import { TemplateResolver } from '../dispatch/template-resolver';
import { FeedbackInput, FeedbackRepository } from '../feedback/feedback.repository';
import { IncidentNews } from '../incident-posts/incident-news';
import { OfferLike, renderContext } from '../templates/render-context';
import { OffersService } from '../offers/offers.service';
import { TemplateEngine } from '../templates/template-engine';
import { NoticeLinks } from './notice-links.service';
import { HtmlResponse, NoticePageRenderer } from './notice-page.renderer';
import { TOKEN_PATTERN } from './notice-token.util';
import { NoticeAccess, NoticeContext, NoticeRepository } from './notice.repository';

export type PageOutcome = HtmlResponse | { redirect: string };

/** Where a form post comes from, as far as the browser says (absent headers are not held against it). */
export interface PostOrigin {
  origin?: string;
  secFetchSite?: string;
}

const FEEDBACK_STATES = ['resolved', 'closed'];
const MAX_COMMENT = 2000;

/**
 * The customer's notice page: the `page` template of the step that reached them, rendered as sending
 * renders (same engine, same locale fallback), with an acknowledgement button and, once the incident is
 * resolved, the feedback questions. Unknown, expired and malformed tokens all get the same 404 page.
 */
@Injectable()
export class NoticePageService {
  private readonly logger = new Logger(NoticePageService.name);

  constructor(
    private readonly notices: NoticeRepository,
    private readonly links: NoticeLinks,
    private readonly resolver: TemplateResolver,
    private readonly engine: TemplateEngine,
    private readonly renderer: NoticePageRenderer,
    private readonly feedback: FeedbackRepository,
    private readonly clock: Clock,
    private readonly questions: NoticeQuestionService,
    private readonly news: IncidentNews,
    private readonly offers: OffersService,
  ) {}

  get headers(): Record<string, string> {
    return this.renderer.headers;
  }

  async view(token: string, questionSent = false): Promise<HtmlResponse> {
    const found = await this.open(token);
    if (!found) return this.renderer.notFound();
    if (!found.access.openedAt) await this.notices.markOpened(found.access, this.clock.now());
    return this.page(token, found, null, 200, questionSent);
  }

  /** "Claim" on an offer the customer has a code of (#20): same checks as acknowledging; first press wins. */
  async claimOffer(token: string, form: Record<string, unknown>, from: PostOrigin): Promise<PageOutcome> {
    const found = await this.open(token);
    if (!found) return this.renderer.notFound();
    if (!this.sameOrigin(from) || !this.links.formTokenValid(found.hash, 'claim', form.csrf)) return this.page(token, found, 'form', 403);
    const offer = (await this.offers.forNoticePage(found.access.incidentId, found.access.customerId)).find((o) => o.key === form.offer);
    if (!offer) return this.page(token, found, 'invalid', 400);
    await this.offers.claim(found.access.incidentId, found.access.customerId, offer.id, this.clock.now());
    return { redirect: `/n/${token}#offer-${offer.key}` };
  }

  /** A question for the contact centre: same checks as the other forms, then src/contacts stores it (or refuses it, with a page). */
  async askQuestion(token: string, form: Record<string, unknown>, from: PostOrigin, address: string | undefined): Promise<PageOutcome> {
    const found = await this.open(token);
    if (!found) return this.renderer.notFound();
    if (!this.sameOrigin(from) || !this.links.formTokenValid(found.hash, 'question', form.csrf)) return this.page(token, found, 'form', 403);
    const r = await this.questions.ask({ tokenHash: found.hash, incidentId: found.access.incidentId, customerId: found.access.customerId }, form, address);
    if ('invalid' in r) return this.page(token, found, 'question_invalid', 400);
    if ('retryAfterSeconds' in r) return { ...(await this.page(token, found, 'question_limit', 429)), headers: { 'Retry-After': String(r.retryAfterSeconds) } };
    return { redirect: `/n/${token}?asked=1#question` };
  }

  async acknowledge(token: string, form: Record<string, unknown>, from: PostOrigin): Promise<PageOutcome> {
    const found = await this.open(token);
    if (!found) return this.renderer.notFound();
    if (!this.sameOrigin(from) || !this.links.formTokenValid(found.hash, 'ack', form.csrf)) return this.page(token, found, 'form', 403);
    await this.notices.acknowledge(found.access, this.clock.now());
    return { redirect: `/n/${token}#ack` };
  }

  async giveFeedback(token: string, form: Record<string, unknown>, from: PostOrigin): Promise<PageOutcome> {
    const found = await this.open(token);
    if (!found) return this.renderer.notFound();
    if (!this.sameOrigin(from) || !this.links.formTokenValid(found.hash, 'feedback', form.csrf)) return this.page(token, found, 'form', 403);
    if (!FEEDBACK_STATES.includes(found.ctx.incident.state)) return this.page(token, found, null, 409);
    const answer = parseFeedback(form);
    if (!answer) return this.page(token, found, 'invalid', 400);
    await this.feedback.save(found.access.incidentId, found.access.customerId, answer, this.clock.now());
    return { redirect: `/n/${token}#feedback` };
  }

  /** One hash lookup: the same work for a token that never existed and one that expired. */
  private async open(token: string): Promise<{ access: NoticeAccess; ctx: NoticeContext; hash: Buffer } | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hash = this.links.hash(token);
    const access = await this.notices.find(hash, this.clock.now());
    if (!access) return null;
    const ctx = await this.notices.context(access);
    return ctx ? { access, ctx, hash } : null;
  }

  /**
   * The forms carry an HMAC bound to this page; on top of that a browser that says the post comes from
   * another site is refused. There is no session to ride on (the link is the only credential), so this
   * is defence in depth rather than the only guard.
   */
  private sameOrigin(from: PostOrigin): boolean {
    if (from.secFetchSite && !['same-origin', 'none'].includes(from.secFetchSite)) return false;
    if (from.origin && from.origin !== 'null' && from.origin !== this.links.origin) return false;
    return true;
  }

  private async page(
    token: string,
    found: { access: NoticeAccess; ctx: NoticeContext; hash: Buffer },
    error: 'invalid' | 'form' | 'question_invalid' | 'question_limit' | null = null,
    status = 200,
    questionSent = false,
  ): Promise<HtmlResponse> {
    const { access, ctx, hash } = found;
    const { customer, incident } = ctx;
    const offers = await this.offers.forNoticePage(access.incidentId, access.customerId);
    const content = await this.content(access, ctx, offers[0]);
    const feedbackOpen = FEEDBACK_STATES.includes(incident.state);
    const previous = feedbackOpen ? await this.feedback.find(access.incidentId, access.customerId) : null;
    const news = await this.news.forReader(access.incidentId, { locale: customer.locale, timezone: customer.timezone, defaultLocale: incident.defaultLocale });
    return this.renderer.render(
      {
        lang: content.locale,
        title: content.title,
        contentHtml: content.html,
        ackAction: `/n/${token}/ack`,
        ackCsrf: this.links.formToken(hash, 'ack'),
        acknowledgedAt: access.acknowledgedAt ? this.renderer.formatTime(access.acknowledgedAt, customer.locale, customer.timezone) : null,
        feedback: feedbackOpen
          ? { action: `/n/${token}/feedback`, csrf: this.links.formToken(hash, 'feedback'), csat: previous?.csat ?? null, ces: previous?.ces ?? null, nps: previous?.nps ?? null, npsReason: previous?.npsReason ?? null, comment: previous?.comment ?? null, done: !!previous }
          : null,
        error,
        offers: offers.map((o) => ({
          key: o.key,
          title: o.title,
          terms: o.terms,
          code: o.code,
          url: o.url,
          expiresAt: o.expiresAt ? this.renderer.formatTime(new Date(o.expiresAt), customer.locale, customer.timezone) : null,
          claimedAt: o.claimedAt ? this.renderer.formatTime(o.claimedAt, customer.locale, customer.timezone) : null,
          action: `/n/${token}/claim`,
          csrf: this.links.formToken(hash, 'claim'),
        })),
        question: { action: `/n/${token}/question`, csrf: this.links.formToken(hash, 'question'), maxLength: MAX_QUESTION, sent: questionSent },
        news,
      },
      status,
    );
  }

  /** The newest customer step that has a `page` template which renders for this customer; a plain notice otherwise. */
  private async content(access: NoticeAccess, { customer, incident }: NoticeContext, offer?: OfferLike): Promise<{ locale: string; title: string; html: string }> {
    const notice = { url: this.links.url(access.incidentId, access.customerId) };
    for (const step of await this.notices.stepsFor(access)) {
      const template = await this.resolver.resolve({}, step.templateKey, 'page', customer.locale, incident.defaultLocale);
      if (!template) continue;
      const approved = step.approvedSnapshot as { facts?: unknown } | null;
      try {
        const out = this.engine.render(template.id, template, renderContext(customer, incident, approved?.facts ?? incident.facts, notice, offer));
        return { locale: template.locale, title: out.subject, html: out.html };
      } catch (e) {
        this.logger.warn(`page template ${template.key}/${template.locale} v${template.version} does not render for incident ${incident.id}: ${(e as Error).message}`);
      }
    }
    const s = this.renderer.strings(customer.locale);
    const esc = Handlebars.escapeExpression;
    return { locale: customer.locale, title: incident.title, html: `<h1>${esc(incident.title)}</h1>\n<p>${esc(s.page_fallback)}</p>` };
  }
}

function parseFeedback(form: Record<string, unknown>): FeedbackInput | null {
  const score = (given: unknown, min: number, max: number) => {
    const v = typeof given === 'number' ? String(given) : given;
    return typeof v === 'string' && /^(10|[0-9])$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : null;
  };
  const text = (given: unknown): string | null | undefined => {
    if (given === undefined) return null;
    if (typeof given !== 'string') return undefined;
    const t = given.replace(/\r\n/g, '\n').trim();
    return t.length > MAX_COMMENT ? undefined : t || null;
  };
  const csat = score(form.csat, 1, 5);
  const ces = score(form.ces, 1, 7);
  // NPS is optional (answers given before it was asked, and customers who skip it); present, it must be 0-10
  const npsGiven = form.nps !== undefined && form.nps !== '';
  const nps = npsGiven ? score(form.nps, 0, 10) : null;
  const comment = text(form.comment);
  const npsReason = text(form.nps_reason);
  if (csat === null || ces === null || (npsGiven && nps === null) || comment === undefined || npsReason === undefined) return null;
  return { csat, ces, nps, npsReason, comment };
}

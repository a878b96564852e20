// A seeded set of notice-page answers whose scorecard figures are worked out by hand in the tests
// (test/scorecard.e2e.spec.ts). Every answer goes through the real notice page form, as a customer gives it.
import { NoticeLinks } from '../../src/notices/notice-links.service';
import { auth, Harness, waitFor } from '../support/harness';
import { declareBody, NOTICE, uniq } from './scenario.factory';

const SMS = { text: '{{facts.whatHappened}} Details: {{notice.url}}', variables: ['facts.whatHappened', 'notice.url'] };

/** One customer of the seeded set, and what they do on their notice page. */
export interface SeededCustomer {
  locale: string;
  plan?: string;
  /** no email: reached by SMS (the step's fallback channel) */
  smsOnly?: boolean;
  /** neither email nor phone: never reached */
  unreachable?: boolean;
  ack?: boolean;
  answer?: { csat: number; ces: number; nps?: number; comment?: string; why?: string };
}

/**
 * The main set (incident A): 10 reached customers (8 by email, 2 by SMS) and one nobody can reach;
 * 9 answers (one skips NPS), 4 acknowledgements.
 */
export const SET_A: SeededCustomer[] = [
  { locale: 'en', plan: 'pro', ack: true, answer: { csat: 5, ces: 7, nps: 10, comment: 'Clear and quick, thank you.' } },
  { locale: 'en', plan: 'pro', ack: true, answer: { csat: 4, ces: 6, nps: 9 } },
  { locale: 'en', plan: 'pro', answer: { csat: 5, ces: 5, nps: 8 } },
  { locale: 'en', plan: 'pro', answer: { csat: 3, ces: 4, nps: 7, why: 'Took a while to hear from you.' } },
  { locale: 'en', plan: 'basic', ack: true, answer: { csat: 2, ces: 3, nps: 6, comment: '=HYPERLINK("http://evil.test","click")' } },
  { locale: 'en', plan: 'basic', answer: { csat: 1, ces: 2, nps: 0, comment: 'Nobody answered the hotline.', why: '@SUM(1+1) I am leaving' } },
  { locale: 'fr', plan: 'basic', answer: { csat: 4, ces: 5, comment: 'Merci pour la transparence.' } },
  { locale: 'fr', plan: 'basic' },
  { locale: 'fr', smsOnly: true, ack: true, answer: { csat: 5, ces: 6, nps: 10 } },
  { locale: 'fr', smsOnly: true, answer: { csat: 4, ces: 7, nps: 9, why: 'Le SMS est arrivé tout de suite.' } },
  { locale: 'en', unreachable: true },
];

/** A second, smaller incident (B) for the trend across incidents. */
export const SET_B: SeededCustomer[] = [
  { locale: 'en', plan: 'pro', answer: { csat: 5, ces: 7, nps: 10 } },
  { locale: 'en', plan: 'basic', answer: { csat: 1, ces: 1, nps: 1, comment: 'Too late.' } },
];

const csrfOf = (html: string, action: string) => new RegExp(`action="${action.replace(/[/]/g, '\\/')}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

/** Declares an incident for the set, waits until everyone reachable is reached, acknowledges, resolves, answers. */
export async function seedScorecardIncident(h: Harness, set: SeededCustomer[], opts: { title?: string } = {}): Promise<{ incidentId: string; prefix: string; externalIds: string[] }> {
  const prefix = uniq('sc');
  const people = set.map((c, i) => ({
    externalId: `${prefix}-${i}`,
    name: `Customer ${i}`,
    locale: c.locale,
    ...(c.smsOnly || c.unreachable ? {} : { email: `${prefix}-${i}@customers.test` }),
    ...(c.smsOnly ? { phone: `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` } : {}),
    attributes: { accountNo: `A-${i}`, ...(c.plan ? { plan: c.plan } : {}) },
  }));
  await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
  await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
  await h.http.put(`/api/v1/templates/${prefix}-t/sms/en`).set(auth()).send(SMS).expect(200);
  await h.http
    .put(`/api/v1/runbooks/${prefix}-rb`)
    .set(auth())
    .send({ name: 'Scorecard plan', steps: [{ id: 'tell', audience: 'affected_customers', template: `${prefix}-t`, channel: 'email', fallbackChannels: ['sms'] }] })
    .expect(200);
  await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
  const externalIds = people.map((p) => p.externalId);
  const declared = await h.http
    .post('/api/v1/incidents')
    .set(auth())
    .send(declareBody(`${prefix}-rb`, externalIds, opts.title ? { title: opts.title } : {}))
    .expect(201);
  const incidentId: string = declared.body.id;
  const reachable = set.filter((c) => !c.unreachable).length;
  await waitFor(`${reachable} reached`, async () => {
    const r = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth())).body;
    return r.reached === reachable && r.state === 'monitoring';
  }, 90_000);

  const links = h.api.get(NoticeLinks);
  const customers = await h.prisma.customer.findMany({ where: { externalId: { in: externalIds } }, select: { id: true, externalId: true } });
  const pathOf = (i: number) => new URL(links.url(incidentId, customers.find((c) => c.externalId === externalIds[i])!.id)).pathname;
  for (const [i, c] of set.entries()) {
    if (!c.ack) continue;
    const page = await h.http.get(pathOf(i)).expect(200);
    await h.http.post(`${pathOf(i)}/ack`).type('form').send({ csrf: csrfOf(page.text, `${pathOf(i)}/ack`) }).expect(303);
  }
  await h.http.post(`/api/v1/incidents/${incidentId}/resolve`).set(auth()).send({}).expect(200);
  for (const [i, c] of set.entries()) {
    if (!c.answer) continue;
    const page = await h.http.get(pathOf(i)).expect(200);
    const a = c.answer;
    const form: Record<string, string> = { csrf: csrfOf(page.text, `${pathOf(i)}/feedback`)!, csat: String(a.csat), ces: String(a.ces) };
    if (a.nps !== undefined) form.nps = String(a.nps);
    if (a.comment) form.comment = a.comment;
    if (a.why) form.nps_reason = a.why;
    await h.http.post(`${pathOf(i)}/feedback`).type('form').send(form).expect(303);
  }
  return { incidentId, prefix, externalIds };
}

/** Moves an incident's declaration to a fixed day, so a range query sees exactly the seeded incidents. */
export async function declareOn(h: Harness, incidentId: string, day: string): Promise<void> {
  await h.prisma.incident.update({ where: { id: incidentId }, data: { declaredAt: new Date(`${day}T09:00:00Z`) } });
}

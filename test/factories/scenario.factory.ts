import { randomBytes } from 'node:crypto';
import { auth, Harness } from '../support/harness';

/** A unique prefix per test so tests that share the run's database never see each other's rows. */
export const uniq = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

export function customers(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    email: `${prefix}-${i}@customers.test`,
    name: `Customer ${i} of ${prefix}`,
    locale: 'en',
    attributes: { plan: i % 2 ? 'pro' : 'basic', accountNo: `ACC-${i}` },
  }));
}

export const NOTICE = {
  subject: 'Security incident: {{incident.title}} ({{customer.externalId}})',
  html: '<p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p>Account {{customer.attributes.accountNo}}</p><p>Call {{facts.hotline}}</p>',
  text: 'Dear {{customer.name}},\n{{facts.whatHappened}}\nAccount {{customer.attributes.accountNo}}\nCall {{facts.hotline}}',
  variables: ['incident.title', 'customer.externalId', 'customer.name', 'customer.attributes', 'facts.whatHappened', 'facts.hotline'],
};

/** Customers, an email template and a published one-step runbook, through the public API. */
export async function seedRunbook(h: Harness, prefix: string, n: number): Promise<{ runbook: string; externalIds: string[] }> {
  const list = customers(prefix, n);
  for (let i = 0; i < list.length; i += 1000) {
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list.slice(i, i + 1000) }).expect(200);
  }
  const template = `${prefix}-notice`;
  await h.http.put(`/api/v1/templates/${template}/email/en`).set(auth()).send(NOTICE).expect(200);
  const runbook = `${prefix}-plan`;
  await h.http
    .put(`/api/v1/runbooks/${runbook}`)
    .set(auth())
    .send({ name: `Plan ${prefix}`, steps: [{ id: 'notify-customers', audience: 'affected_customers', channel: 'email', template }] })
    .expect(200);
  await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
  return { runbook, externalIds: list.map((c) => c.externalId) };
}

export function declareBody(runbook: string, externalIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    runbook,
    title: 'Unauthorised access to customer records',
    severity: 'high',
    awareAt: new Date(Date.now() - 3600_000).toISOString(),
    facts: { whatHappened: 'An attacker copied <names & emails>.', hotline: '+1 800 555 0100' },
    affected: { externalIds },
    ...overrides,
  };
}

/** Customers, email and SMS templates, a published one-step runbook (email, then SMS if that fails) and a declared incident; its id. */
export async function declareEmailThenSms(h: Harness, prefix: string, people: { externalId: string }[]): Promise<string> {
  await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
  await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(NOTICE).expect(200);
  await h.http.put(`/api/v1/templates/${prefix}-t/sms/en`).set(auth()).send({ text: '{{facts.whatHappened}} {{notice.url}}', variables: ['facts.whatHappened', 'notice.url'] }).expect(200);
  await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: 'x', steps: [{ id: 'tell', audience: 'affected_customers', template: `${prefix}-t`, channel: 'email', fallbackChannels: ['sms'] }] }).expect(200);
  await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);
  return (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-rb`, people.map((p) => p.externalId))).expect(201)).body.id;
}

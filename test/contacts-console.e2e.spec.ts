// The contact centre in the console (#21 item 4): agents log a contact from the agent view and see the
// customer's earlier contacts; the incident dashboard draws contacts over time, the top reasons and the
// effort (figures checked against contacts seeded here and counted by hand); comms maintains the reasons.
import { auth, Harness, waitFor } from './support/harness';
import { consoleLogin, csrfOf } from './support/console-session';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Contact centre in the console', () => {
  let h: Harness;
  let prefix: string;
  let ids: string[];
  let incidentId: string;
  let agentKey: string;

  beforeAll(async () => {
    h = await Harness.start();
    prefix = uniq('ccc');
    const seeded = await seedRunbook(h, prefix, 5);
    ids = seeded.externalIds;
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(seeded.runbook, ids)).expect(201)).body.id;
    await waitFor('5 customers reached', async () => (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth())).body.reached === 5);
    agentKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${prefix} crm`, role: 'agent' }).expect(201)).body.secret;
    for (const k of ['billing', 'password']) await h.http.post('/api/v1/contact-reasons').set(auth()).send({ key: `${prefix}-${k}`, label: `Reason ${k}` }).expect(201);
  });
  afterAll(() => h.stop());

  it('lets an agent log a contact from the agent view and shows it among the earlier contacts, escaped', async () => {
    const s = await consoleLogin(h, 'agent');
    const page = await s.agent.get(`/console/customers/${ids[0]}`).expect(200);
    expect(page.text).toContain('<h2 id="log-contact-title">Log this contact</h2>');
    expect(page.text).toContain('No earlier contact.');
    expect(page.text).toContain(`<option value="${prefix}-billing">Reason billing</option>`);
    expect(page.text).toMatch(new RegExp(`name="incidentIds" value="${incidentId}" checked`));
    const r = await s.agent
      .post(`/console/customers/${ids[0]}/contacts`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), channel: 'phone', reason: `${prefix}-billing`, note: 'Asked about <script>alert(1)</script> refunds', resolved: 'on', incidentIds: incidentId })
      .expect(303);
    expect(r.headers.location).toBe(`/console/customers/${ids[0]}#contacts`);
    const after = await s.agent.get(`/console/customers/${ids[0]}`).expect(200);
    expect(after.text).toContain('Contact logged.');
    expect(after.text).toContain('Asked about &lt;script&gt;alert(1)&lt;/script&gt; refunds');
    expect(after.text).not.toContain('<script>alert(1)</script>');
    expect(after.text).toMatch(/<td data-label="Channel">Phone<\/td><td data-label="Reason">Reason billing<\/td>/);
    const stored = await h.prisma.contact.findFirstOrThrow({ where: { note: { startsWith: 'Asked about' } }, include: { incidents: true } });
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: s.email } });
    expect(stored).toMatchObject({ channel: 'phone', resolved: true, actorId: user.id, actorName: 'agent person' });
    expect(stored.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
    expect(await h.prisma.auditEvent.count({ where: { action: 'contact.logged', entityId: stored.id, actorId: user.id } })).toBe(1);
  });

  it('answers a bad form with a 400 page naming the field, and refuses roles that may not log contacts', async () => {
    const s = await consoleLogin(h, 'agent');
    const page = await s.agent.get(`/console/customers/${ids[1]}`).expect(200);
    const bad = await s.agent.post(`/console/customers/${ids[1]}/contacts`).type('form').send({ _csrf: csrfOf(page.text), channel: 'phone', reason: 'other', reasonText: '' }).expect(400);
    expect(bad.text).toContain('reasonText');
    await s.agent.post(`/console/customers/${ids[1]}/contacts`).type('form').send({ channel: 'phone', reason: `${prefix}-billing` }).expect(403); // no CSRF token
    const viewer = await consoleLogin(h, 'viewer');
    await viewer.agent.post(`/console/customers/${ids[1]}/contacts`).type('form').send({ _csrf: viewer.csrf, channel: 'phone', reason: `${prefix}-billing` }).expect(403);
    expect(await h.prisma.contact.count({ where: { customerId: (await h.prisma.customer.findUniqueOrThrow({ where: { externalId: ids[1] } })).id } })).toBe(0);
  });

  it('shows contacts over time, the top reasons and the effort on the incident dashboard, as counted by hand', async () => {
    // with the one from the first test (billing, phone): billing ×3, password ×2, other ×1 → 6 contacts, 4 customers, 5 reached
    const log = (i: number, body: Record<string, unknown>) => h.http.post(`/api/v1/customers/${ids[i]}/contacts`).set(auth(agentKey)).send(body).expect(201);
    await log(1, { channel: 'chat', reason: `${prefix}-billing` });
    await log(2, { channel: 'email', reason: `${prefix}-billing` });
    await log(2, { channel: 'phone', reason: `${prefix}-password` });
    await log(3, { channel: 'social', reason: `${prefix}-password`, at: new Date(Date.now() - 2 * 3600_000).toISOString() });
    await log(3, { channel: 'phone', reason: 'other', reasonText: 'Press enquiry' });
    const viewer = await consoleLogin(h, 'viewer');
    const page = await viewer.agent.get(`/console/incidents/${incidentId}`).expect(200);
    const panel = page.text.slice(page.text.indexOf('id="incident-contacts"'), page.text.indexOf('id="timeline-title"'));
    expect(panel).toMatch(/<dt>Contacts<\/dt><dd>6<\/dd>/);
    expect(panel).toMatch(/<dt>Customers who got in touch<\/dt><dd>4<\/dd>/);
    expect(panel).toMatch(/<dt>Customers reached<\/dt><dd>5<\/dd>/);
    expect(panel).toContain('<dd id="contacts-per-reached">1.2</dd>'); // 6 / 5
    const reasons = [...panel.slice(panel.indexOf('id="top-reasons"')).matchAll(/<tr><td>([^<]+)<\/td><td>(\d+)<\/td><td>([\d.]+)%<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
    expect(reasons).toEqual([['Reason billing', 3, 50], ['Reason password', 2, 33.3], ['Other', 1, 16.7]]);
    // an accessible chart: named, described, one bar per hour with its own title, the same numbers in a table
    expect(panel).toMatch(/<svg class="contacts-chart" role="img" aria-labelledby="contacts-chart-title contacts-chart-desc"/);
    const bars = [...panel.matchAll(/<rect [^>]*><title>([^<]+)<\/title><\/rect>/g)].map((m) => m[1]);
    const table = panel.slice(panel.indexOf('id="contacts-over-time"'), panel.indexOf('</table>', panel.indexOf('id="contacts-over-time"')));
    const rows = [...table.matchAll(/<tr><td>([^<]+)<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => Number(m[2]));
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(rows).toHaveLength(bars.length);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(6);
    const hourAgo2 = new Date(Date.now() - 2 * 3600_000).toISOString();
    expect(bars).toContain(`${hourAgo2.slice(0, 10)} ${hourAgo2.slice(11, 13)}:00 UTC: 1 contact`);
    expect(panel).toMatch(/<tr><td>Phone<\/td><td>3<\/td><\/tr>/);
  });

  it('lets comms add, rename and archive a reason from the console, and agents only read the list', async () => {
    const comms = await consoleLogin(h, 'comms');
    const list = await comms.agent.get('/console/contact-reasons').expect(200);
    await comms.agent.post('/console/contact-reasons').type('form').send({ _csrf: csrfOf(list.text), key: `${prefix}-fraud`, label: 'Fraud worry', position: '5' }).expect(303);
    const reason = await h.prisma.contactReason.findUniqueOrThrow({ where: { key: `${prefix}-fraud` } });
    await comms.agent.post(`/console/contact-reasons/${reason.id}`).type('form').send({ _csrf: comms.csrf, do: 'save', label: 'Worried about fraud', position: '6' }).expect(303);
    await comms.agent.post(`/console/contact-reasons/${reason.id}`).type('form').send({ _csrf: comms.csrf, do: 'archive' }).expect(303);
    expect(await h.prisma.contactReason.findUniqueOrThrow({ where: { id: reason.id } })).toMatchObject({ label: 'Worried about fraud', position: 6, archivedAt: expect.any(Date) });
    const page = await comms.agent.get('/console/contact-reasons').expect(200);
    expect(page.text).toContain('Contact reasons');
    expect(page.text).toMatch(new RegExp(`<tr id="reason-${prefix}-fraud">[\\s\\S]*?archived`));
    const agent = await consoleLogin(h, 'agent');
    const read = await agent.agent.get('/console/contact-reasons').expect(200);
    expect(read.text).not.toContain('Add reason');
    await agent.agent.post('/console/contact-reasons').type('form').send({ _csrf: agent.csrf, key: `${prefix}-nope`, label: 'No' }).expect(403);
    const actions = await h.prisma.auditEvent.findMany({ where: { entityType: 'contact_reason', entityId: reason.id }, orderBy: { id: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['contact_reason.created', 'contact_reason.updated', 'contact_reason.updated']);
  });
});

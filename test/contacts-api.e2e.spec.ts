// The contact centre in the loop (#21 item 4), through the API a CRM uses: reasons, logging, the
// incident's contacts and figures (checked against contacts seeded here and counted by hand), the agent
// context, the audit and erasure.
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Contact centre API', () => {
  let h: Harness;
  let prefix: string;
  let ids: string[];
  let incidentId: string;
  const keys: Record<string, string> = {};
  const reasons: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    h = await Harness.start();
    prefix = uniq('cc');
    for (const role of ['agent', 'comms', 'viewer', 'commander']) {
      keys[role] = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: `${prefix} ${role}`, role }).expect(201)).body.secret;
    }
    const seeded = await seedRunbook(h, prefix, 4);
    ids = seeded.externalIds;
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(seeded.runbook, ids)).expect(201)).body.id;
    await waitFor('4 customers reached', async () => (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth())).body.reached === 4);
  });
  afterAll(() => h.stop());

  const log = (externalId: string, body: Record<string, unknown>, key = keys.agent) => h.http.post(`/api/v1/customers/${externalId}/contacts`).set(auth(key)).send(body);

  it('documents the contact routes in OpenAPI: summary, answer schema and error answers', async () => {
    const doc = (await h.http.get('/docs/openapi.json').expect(200)).body;
    const routes: [string, string, string][] = [
      ['/api/v1/customers/{externalId}/contacts', 'post', '201'],
      ['/api/v1/incidents/{id}/contacts', 'get', '200'],
      ['/api/v1/incidents/{id}/contacts/summary', 'get', '200'],
      ['/api/v1/contact-reasons', 'get', '200'],
      ['/api/v1/contact-reasons', 'post', '201'],
      ['/api/v1/contact-reasons/{id}', 'patch', '200'],
      ['/api/v1/contact-reasons/{id}', 'delete', '200'],
    ];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const deref = (o: any): any => (o?.$ref ? o.$ref.split('/').slice(1).reduce((at: any, k: string) => at[k], doc) : o);
    for (const [path, method, ok] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, summary: typeof op?.summary }).toEqual({ path, method, summary: 'string' });
      expect(op.responses[ok].content['application/json'].schema).toBeDefined();
      // error answers are the shared components.responses, whose schema is the one Error
      expect(deref(deref(op.responses['403']).content['application/json'].schema).properties.error).toBeDefined();
    }
    expect(doc.paths['/api/v1/customers/{externalId}/contacts'].post.responses['404']).toBeDefined();
    const body = doc.paths['/api/v1/customers/{externalId}/contacts'].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(schema.properties.channel.enum).toEqual(['phone', 'chat', 'email', 'social', 'in_person']);
  });

  describe('reasons', () => {
    it('lets comms add, rename and delete reasons, and refuses agents and a taken key', async () => {
      for (const k of ['card', 'what-to-do', 'unused']) {
        const r = await h.http.post('/api/v1/contact-reasons').set(auth(keys.comms)).send({ key: `${prefix}-${k}`, label: `Label ${k}`, position: 1 }).expect(201);
        reasons[k] = r.body;
      }
      await h.http.post('/api/v1/contact-reasons').set(auth(keys.comms)).send({ key: `${prefix}-card`, label: 'again' }).expect(409);
      await h.http.post('/api/v1/contact-reasons').set(auth(keys.comms)).send({ key: 'other', label: 'reserved' }).expect(400);
      await h.http.post('/api/v1/contact-reasons').set(auth(keys.agent)).send({ key: `${prefix}-x`, label: 'x' }).expect(403);
      const renamed = await h.http.patch(`/api/v1/contact-reasons/${reasons.card.id}`).set(auth(keys.comms)).send({ label: 'Card blocked or replaced' }).expect(200);
      expect(renamed.body).toMatchObject({ key: `${prefix}-card`, label: 'Card blocked or replaced', archived: false });
      expect(await h.http.delete(`/api/v1/contact-reasons/${reasons.unused.id}`).set(auth(keys.comms)).expect(200).then((r) => r.body)).toEqual({ id: reasons.unused.id, deleted: true, archived: false });
      const list = await h.http.get('/api/v1/contact-reasons').set(auth(keys.agent)).expect(200);
      const keysListed = list.body.items.map((r: { key: string }) => r.key);
      expect(keysListed).toEqual(expect.arrayContaining([`${prefix}-card`, `${prefix}-what-to-do`, 'am-i-affected']));
      expect(keysListed).not.toContain(`${prefix}-unused`);
      const audited = await h.prisma.auditEvent.findMany({ where: { entityType: 'contact_reason', entityId: reasons.card.id }, orderBy: { id: 'asc' } });
      expect(audited.map((a) => a.action)).toEqual(['contact_reason.created', 'contact_reason.updated']);
    });
  });

  describe('logging and figures', () => {
    // seeded by hand: card ×3, what-to-do ×1, other ×2 ("refund" and "lawyer") → 6 contacts from 3 of 4 reached customers
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    let first: { id: string };

    beforeAll(async () => {
      first = (await log(ids[0], { channel: 'phone', reason: `${prefix}-card`, note: 'Asked whether her card 4242 must be replaced', resolved: true, at: twoHoursAgo }).expect(201)).body;
      await log(ids[0], { channel: 'chat', reason: `${prefix}-card` }).expect(201);
      await log(ids[1], { channel: 'phone', reason: `${prefix}-card`, resolved: true }).expect(201);
      await log(ids[1], { channel: 'email', reason: 'other', reasonText: 'Wants a refund', note: 'Angry, call back' }, keys.comms).expect(201);
      await log(ids[2], { channel: 'social', reason: `${prefix}-what-to-do`, incidentIds: [incidentId] }).expect(201);
      await log(ids[2], { channel: 'in_person', reason: 'other', reasonText: 'Lawyer asking', resolved: true }).expect(201);
    });

    it('stores who logged it, when, the reason and the incident (the open one by default)', async () => {
      const c = await h.prisma.contact.findUniqueOrThrow({ where: { id: first.id }, include: { incidents: true } });
      expect(c).toMatchObject({ channel: 'phone', resolved: true, actorName: `${prefix} agent`, note: 'Asked whether her card 4242 must be replaced' });
      expect(c.at.toISOString()).toBe(new Date(twoHoursAgo).toISOString());
      expect(c.incidents.map((i) => i.incidentId)).toEqual([incidentId]);
    });

    it('refuses bad input with a coded 4xx, never a 500', async () => {
      const bad = async (externalId: string, body: Record<string, unknown>, status: number, key = keys.agent) => {
        const r = await log(externalId, body, key).expect(status);
        expect(r.body.error.code).toBeDefined();
      };
      await bad(ids[0], { channel: 'phone', reason: 'no-such-reason' }, 400);
      await bad(ids[0], { channel: 'phone', reason: 'other' }, 400);
      await bad(ids[0], { channel: 'fax', reason: `${prefix}-card` }, 400);
      await bad(ids[0], { channel: 'notice_page', reason: `${prefix}-card` }, 400);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card`, note: 'x'.repeat(1001) }, 400);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card`, note: 'nul \u0000 byte' }, 400);
      await bad(ids[0], { channel: 'phone', reason: 'other', reasonText: 'tab\u0007bell' }, 400);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card`, incidentIds: ['6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f'] }, 400);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card`, at: new Date(Date.now() + 3600_000).toISOString() }, 400);
      await bad(`${prefix}-nobody`, { channel: 'phone', reason: `${prefix}-card` }, 404);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card` }, 403, keys.viewer);
      await bad(ids[0], { channel: 'phone', reason: `${prefix}-card` }, 403, keys.commander);
    });

    it('computes the top reasons, channels and effort as counted by hand', async () => {
      const s = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary`).set(auth(keys.viewer)).expect(200)).body;
      expect(s.total).toBe(6);
      expect(s.topReasons).toEqual([
        { key: `${prefix}-card`, label: 'Card blocked or replaced', contacts: 3, share: 0.5 },
        { key: `${prefix}-what-to-do`, label: 'Label what-to-do', contacts: 1, share: 0.167 },
        { key: 'other', label: 'Other', contacts: 2, share: 0.333 },
      ].sort((a, b) => b.contacts - a.contacts || (a.key === 'other' ? 1 : b.key === 'other' ? -1 : a.key.localeCompare(b.key))));
      expect(s.byChannel).toEqual({ phone: 2, chat: 1, email: 1, social: 1, in_person: 1, notice_page: 0 });
      // 6 contacts / 4 reached customers (the reach report's own figure), 3 customers got in touch
      const reach = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth())).body;
      expect(reach.reached).toBe(4);
      expect(s.effort).toEqual({ contacts: 6, customersWhoContacted: 3, reached: 4, contactsPerReachedCustomer: 1.5 });
      // hourly buckets from the first contact (2 h before the declaration) to now, zeros included
      expect(s.bucket).toBe('hour');
      expect(s.overTime.reduce((n: number, b: { contacts: number }) => n + b.contacts, 0)).toBe(6);
      const hourOf = (iso: string) => iso.slice(0, 13);
      expect(s.overTime.find((b: { start: string }) => hourOf(b.start) === hourOf(twoHoursAgo)).contacts).toBe(1);
      expect(s.overTime.length).toBeGreaterThanOrEqual(3);
      const daily = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary?bucket=day`).set(auth(keys.viewer)).expect(200)).body;
      expect(daily.overTime.reduce((n: number, b: { contacts: number }) => n + b.contacts, 0)).toBe(6);
      await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary?bucket=week`).set(auth(keys.viewer)).expect(400);
    });

    it('lists an incident\'s contacts newest first, paginated and filtered, for agents but not viewers', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string; at: string }[]; nextCursor: string | null } } = await h.http
          .get(`/api/v1/incidents/${incidentId}/contacts?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
          .set(auth(keys.agent))
          .expect(200);
        seen.push(...page.body.items.map((c) => c.at));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect([...seen].sort().reverse()).toEqual(seen);
      expect(seen[5]).toBe(new Date(twoHoursAgo).toISOString());
      const count = async (q: string) => (await h.http.get(`/api/v1/incidents/${incidentId}/contacts?${q}`).set(auth(keys.commander)).expect(200)).body.items.length;
      expect(await count('channel=phone')).toBe(2);
      expect(await count('reason=other')).toBe(2);
      expect(await count(`reason=${prefix}-card&resolved=true`)).toBe(2);
      expect(await count(`from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`)).toBe(5);
      const other = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts?reason=other&channel=email`).set(auth(keys.agent)).expect(200)).body.items[0];
      expect(other).toMatchObject({ customer: { externalId: ids[1] }, reason: { key: 'other', label: 'Wants a refund' }, note: 'Angry, call back', loggedBy: { name: `${prefix} comms` } });
      await h.http.get(`/api/v1/incidents/${incidentId}/contacts`).set(auth(keys.viewer)).expect(403);
      await h.http.get(`/api/v1/incidents/${incidentId}/contacts?cursor=nonsense`).set(auth(keys.agent)).expect(400);
      await h.http.get('/api/v1/incidents/6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f/contacts').set(auth(keys.agent)).expect(404);
    });

    it('shows the agent the customer\'s last contacts in the context', async () => {
      const ctx = (await h.http.get(`/api/v1/customers/${ids[0]}/context`).set(auth(keys.agent)).expect(200)).body;
      expect(ctx.recentContacts.map((c: { channel: string }) => c.channel)).toEqual(['chat', 'phone']);
      expect(ctx.recentContacts[1]).toMatchObject({ reason: { key: `${prefix}-card` }, note: 'Asked whether her card 4242 must be replaced', resolved: true, incidentIds: [incidentId] });
    });

    it('audits each contact without its note', async () => {
      const rows = await h.prisma.auditEvent.findMany({ where: { action: 'contact.logged', entityId: first.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0].actorName).toBe(`${prefix} agent`);
      expect(JSON.stringify(rows[0].data)).not.toContain('4242');
      expect(rows[0].data).toMatchObject({ channel: 'phone', resolved: true, incidentIds: [incidentId] });
    });

    it('archives a reason in use instead of deleting it: past contacts keep it, agents can no longer pick it', async () => {
      const r = await h.http.delete(`/api/v1/contact-reasons/${reasons['what-to-do'].id}`).set(auth(keys.comms)).expect(200);
      expect(r.body).toMatchObject({ deleted: false, archived: true });
      await log(ids[3], { channel: 'phone', reason: `${prefix}-what-to-do` }).expect(400);
      const s = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary`).set(auth(keys.viewer)).expect(200)).body;
      expect(s.topReasons.find((t: { key: string }) => t.key === `${prefix}-what-to-do`).contacts).toBe(1);
      await h.http.patch(`/api/v1/contact-reasons/${reasons['what-to-do'].id}`).set(auth(keys.comms)).send({ archived: false }).expect(200);
    });

    it('erasure blanks the notes and free-text reasons of the customer, and keeps the counts', async () => {
      await h.http.delete(`/api/v1/customers/${ids[1]}`).set(auth(keys.comms)).expect(200);
      const rows = await h.prisma.$queryRaw<{ note: string | null; reason_other: string | null }[]>`
        SELECT c.note, c.reason_other FROM contact c JOIN customer cu ON cu.id = c.customer_id WHERE cu.erased_at IS NOT NULL AND c.id IN (SELECT contact_id FROM contact_incident WHERE incident_id = ${incidentId}::uuid)`;
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.note === null)).toBe(true);
      expect(rows.map((r) => r.reason_other ?? 'none').sort()).toEqual(['(erased)', 'none']);
      const listed = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts?limit=100`).set(auth(keys.agent)).expect(200)).body.items;
      expect(JSON.stringify(listed)).not.toContain('Angry');
      expect(JSON.stringify(listed)).not.toContain('refund');
      expect((await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary`).set(auth(keys.viewer)).expect(200)).body.total).toBe(6);
    });
  });
});

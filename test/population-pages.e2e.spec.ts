import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, uniq } from './factories/scenario.factory';
import { PopulationRepository } from '../src/incidents/population/population.repository';

const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const NOTICE = { subject: 'Notice for {{customer.name}}', html: '<p>Dear {{customer.name}},</p><p><a href="{{notice.url}}">Your notice</a></p>', text: 'Dear {{customer.name}},\nYour notice: {{notice.url}}', variables: ['customer.name', 'notice.url'] };

// An incident declared with a filter inserts the first 2 × FANOUT_PAGE_SIZE customers in the declare's own
// transaction (so the fan-out starts at once) and the rest in pages of POPULATION_PAGE_SIZE after it. Here
// the pages are small (200 first, then 150) so 700 customers take several.
const PEOPLE = 700;
const FIRST_PAGE = 200;

describe('Affected population in pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { SEND_BATCH_SIZE: '20', FANOUT_PAGE_SIZE: String(FIRST_PAGE / 2), POPULATION_PAGE_SIZE: '150' } });
  });
  afterAll(() => h.stop());

  /** Customers tagged `tag`, an email template and a published one-step runbook; the runbook's key. */
  async function seed(prefix: string, tag: string): Promise<string> {
    const list = customers(prefix, PEOPLE).map((c) => ({ ...c, tags: [tag] }));
    for (let i = 0; i < list.length; i += 500) await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list.slice(i, i + 500) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-notice/email/en`).set(auth()).send(NOTICE).expect(200);
    await h.http
      .put(`/api/v1/runbooks/${prefix}-plan`)
      .set(auth())
      .send({ name: 'Plan', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice` }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-plan/publish`).set(auth()).expect(201);
    return `${prefix}-plan`;
  }

  const affectedRows = async (incidentId: string) =>
    Number((await h.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM affected_customer WHERE incident_id = ${incidentId}::uuid`)[0].n);
  const population = (incidentId: string) =>
    h.prisma.$queryRaw<{ expected: number; completed_at: Date | null }[]>`SELECT expected, completed_at FROM incident_population WHERE incident_id = ${incidentId}::uuid`;

  /**
   * The state a declare leaves when its process stops right after its transaction: the first page in,
   * the rest not, the population row unfinished and idle (as the reconciler finds it after a crash).
   */
  async function cutAfterFirstPage(incidentId: string) {
    const kept = await h.prisma.$queryRaw<{ last: string }[]>`
      SELECT max(customer_id::text) AS last FROM (SELECT customer_id FROM affected_customer WHERE incident_id = ${incidentId}::uuid ORDER BY customer_id LIMIT ${FIRST_PAGE}) f`;
    await h.prisma.$executeRaw`DELETE FROM affected_customer WHERE incident_id = ${incidentId}::uuid AND customer_id > ${kept[0].last}::uuid`;
    await h.prisma.$executeRaw`
      UPDATE incident_population SET cursor = ${kept[0].last}::uuid, completed_at = NULL, updated_at = now() - interval '1 minute'
      WHERE incident_id = ${incidentId}::uuid`;
    expect(await affectedRows(incidentId)).toBe(FIRST_PAGE);
  }

  it('answers the declare with the whole population in, and sends each customer one notice', async () => {
    const prefix = uniq('pop');
    const runbook = await seed(prefix, prefix);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [], { affected: { filter: { field: 'tags', eq: prefix } } })).expect(201);
    expect(body.affected).toBe(PEOPLE);
    // the population is whole when the declare answers
    expect(await affectedRows(body.id)).toBe(PEOPLE);
    expect(await population(body.id)).toEqual([{ expected: PEOPLE, completed_at: expect.any(Date) }]);
    await waitFor('all sent and the step completed', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.sent === PEOPLE && r.steps[0].state === 'completed';
    });
    const reach = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
    expect(reach.affected).toBe(PEOPLE);
    // the pages are the declared population, added at the declaration: none looks like a late addition (a
    // customer added after the step started, which the reconciler would check on every pass)
    const late = await h.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM affected_customer ac JOIN incident_step s ON s.incident_id = ac.incident_id
      WHERE ac.incident_id = ${body.id}::uuid AND ac.added_at > s.started_at`;
    expect(Number(late[0].n)).toBe(0);
    for (let i = 0; i < PEOPLE; i++) expect(h.sink.to(`${prefix}-${i}@customers.test`)).toHaveLength(1);
    // one notice page per customer (the later pages' made with the population, the first's by the fan-out),
    // and the link in the messages opens it, in the first page and the later ones alike
    const pages = await h.prisma.noticePage.count({ where: { incidentId: body.id } });
    expect(pages).toBe(PEOPLE);
    for (let i = 0; i < PEOPLE; i += 7) {
      const link = linkIn(h.sink.to(`${prefix}-${i}@customers.test`)[0].text);
      expect(link).toBeTruthy();
      await h.http.get(link!).expect(200);
    }
  });

  it('finishes a population its declare left half-way (fan-out and reconciler): each customer once, nobody created after the declaration', async () => {
    const prefix = uniq('popcut');
    const runbook = await seed(prefix, prefix);
    await h.stopWorkers(); // nothing sends until the crash state is in place
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [], { affected: { filter: { field: 'tags', eq: prefix } } })).expect(201);
    await cutAfterFirstPage(body.id);
    // a customer with the tag who did not exist at the declaration is not part of this incident
    await h.http.put(`/api/v1/customers/${prefix}-later`).set(auth()).send({ email: `${prefix}-later@customers.test`, tags: [prefix] }).expect(201);

    await h.startWorker();
    await waitFor('all sent and the step completed', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.sent === PEOPLE && r.steps[0].state === 'completed';
    });
    expect(await affectedRows(body.id)).toBe(PEOPLE);
    expect(await population(body.id)).toEqual([{ expected: PEOPLE, completed_at: expect.any(Date) }]);
    for (let i = 0; i < PEOPLE; i++) expect(h.sink.to(`${prefix}-${i}@customers.test`)).toHaveLength(1);
    expect(h.sink.to(`${prefix}-later@customers.test`)).toHaveLength(0);
    const rows = await h.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM notification WHERE incident_id = ${body.id}::uuid`;
    expect(Number(rows[0].n)).toBe(PEOPLE);
  });

  it('does not take a population whose page is being inserted for a stalled one, however long the statement runs', async () => {
    const prefix = uniq('poplive');
    const runbook = await seed(prefix, prefix);
    await h.stopWorkers();
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [], { affected: { filter: { field: 'tags', eq: prefix } } })).expect(201);
    await cutAfterFirstPage(body.id); // unfinished, last advanced a minute ago
    const populations = h.api.get(PopulationRepository);
    // a declare inserting a million customers holds the population's row lock for the whole statement (over
    // the idle limit on a busy machine): the row stays "last advanced a minute ago" while it runs
    const live = await h.prisma.pool.connect();
    try {
      await live.query('BEGIN');
      await live.query('SELECT 1 FROM incident_population WHERE incident_id = $1 FOR UPDATE', [body.id]);
      expect(await populations.stalled(10_000, 100)).not.toContain(body.id);
      await live.query('ROLLBACK');
    } finally {
      live.release();
    }
    // nobody holds it: now it is stalled, and the reconciler finishes it
    expect(await populations.stalled(10_000, 100)).toContain(body.id);
    await h.startWorker();
    await waitFor('the population finished and all sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.sent === PEOPLE);
    expect(await affectedRows(body.id)).toBe(PEOPLE);
  });

  it('a retried declare finds the population unfinished and answers once it is whole, still one incident', async () => {
    const prefix = uniq('popretry');
    const runbook = await seed(prefix, prefix);
    await h.stopWorkers();
    const key = `${prefix}-key`;
    const request = declareBody(runbook, [], { affected: { filter: { field: 'tags', eq: prefix } } });
    const first = await h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(request).expect(201);
    await cutAfterFirstPage(first.body.id);
    const again = await h.http.post('/api/v1/incidents').set(auth()).set('Idempotency-Key', key).send(request).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await affectedRows(first.body.id)).toBe(PEOPLE);
    expect(await population(first.body.id)).toEqual([{ expected: PEOPLE, completed_at: expect.any(Date) }]);
    await h.startWorker();
    await waitFor('all sent', async () => (await h.http.get(`/api/v1/incidents/${first.body.id}/reach`).set(auth())).body.sent === PEOPLE);
  });

  it('gives a notice page about to expire its full lifetime again when a later step sends its link once more', async () => {
    const prefix = uniq('poprenew');
    await seed(prefix, prefix);
    await h.http
      .put(`/api/v1/runbooks/${prefix}-two`)
      .set(auth())
      .send({
        name: 'Two steps',
        steps: [
          { id: 'notify', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice` },
          { id: 'again', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, approval: { role: 'commander' } },
        ],
      })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-two/publish`).set(auth()).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-two`, [], { affected: { filter: { field: 'tags', eq: prefix } } })).expect(201);
    await waitFor('the first step sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.sent === PEOPLE);
    // as if the first step had gone out months ago: every page expires tomorrow
    const soon = new Date(Date.now() + 86_400_000);
    expect((await h.prisma.noticePage.updateMany({ where: { incidentId: body.id }, data: { expiresAt: soon } })).count).toBe(PEOPLE);
    await h.http.post(`/api/v1/incidents/${body.id}/steps/again/approve`).set(auth()).expect(200);
    await waitFor('the second step sent', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.sent === 2 * PEOPLE);
    const pages = await h.prisma.noticePage.findMany({ where: { incidentId: body.id }, select: { expiresAt: true } });
    expect(pages).toHaveLength(PEOPLE);
    // NOTICE_TOKEN_TTL_DAYS (180 by default) from the second step: none left to expire tomorrow
    expect(pages.filter((p) => p.expiresAt.getTime() < Date.now() + 90 * 86_400_000)).toEqual([]);
    // and the link is the same in both messages
    const mails = h.sink.to(`${prefix}-3@customers.test`);
    expect(mails).toHaveLength(2);
    expect(linkIn(mails[1].text)).toBe(linkIn(mails[0].text));
  });
});

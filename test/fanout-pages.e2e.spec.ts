import { sendJobId } from '../src/queue/queue.constants';
import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, seedRunbook, uniq } from './factories/scenario.factory';

// The fan-out writes each page's rows already `queued` with the id of the job that carries them; the
// reconciler trusts that id to tell a live job from a lost one, so it must be exactly the job's id.
describe('Fan-out pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1, env: { SEND_BATCH_SIZE: '3', FANOUT_PAGE_SIZE: '100' } });
  });
  afterAll(() => h.stop());

  it('creates rows queued in batches named after their first notification, and sends each once', async () => {
    const prefix = uniq('pages');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 7);
    // a customer with no email address: suppressed at creation, in no batch
    await h.http.put(`/api/v1/customers/${prefix}-nomail`).set(auth()).send({ name: 'No Mail', phone: '+33612345678', locale: 'en' }).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [...externalIds, `${prefix}-nomail`])).expect(201);
    await waitFor('all sent', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.sent === 7 && r.steps[0].state === 'completed';
    });

    const rows = await h.prisma.$queryRaw<{ id: string; customer_id: string; state: string; job_id: string | null; queued_at: Date | null }[]>`
      SELECT id::text, customer_id::text, state::text, job_id, queued_at FROM notification WHERE incident_id = ${body.id}::uuid ORDER BY customer_id`;
    const sent = rows.filter((r) => r.state === 'sent');
    expect(sent).toHaveLength(7);
    expect(rows.filter((r) => r.state === 'suppressed')).toEqual([expect.objectContaining({ job_id: null, queued_at: null })]);
    // batches of at most 3 in customer order (a page ends a batch: the first page is a small one), each job
    // named after its first notification
    const runs: (typeof sent)[] = [];
    for (const r of sent) {
      if (runs.length && runs.at(-1)![0].job_id === r.job_id) runs.at(-1)!.push(r);
      else runs.push([r]);
    }
    expect(new Set(runs.map((run) => run[0].job_id)).size).toBe(runs.length); // each job's rows are consecutive
    for (const run of runs) {
      expect(run.length).toBeLessThanOrEqual(3);
      expect(run[0].job_id).toBe(sendJobId(run[0].id));
    }
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // the reconciler found nothing lost (it would have given the rows a job id of another generation)
    expect(sent.every((r) => r.job_id!.endsWith('-0') && r.queued_at)).toBe(true);
    for (const id of externalIds) expect(h.sink.to(`${id}@customers.test`)).toHaveLength(1);
  });

  it("narrows the population to a step's own filter and skips a suppressed address, across several pages", async () => {
    const prefix = uniq('narrow');
    await seedRunbook(h, prefix, 0); // the template
    // every third customer is a VIP; one VIP's address is suppressed (a hard bounce last year)
    const list = customers(prefix, 250).map((c, i) => ({ ...c, tags: i % 3 === 0 ? ['vip'] : [] }));
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
    const externalIds = list.map((c) => c.externalId);
    const vips = externalIds.filter((_, i) => i % 3 === 0);
    await h.prisma.$executeRaw`INSERT INTO suppression (channel, address, reason) VALUES ('email', ${`${vips[1]}@customers.test`}, 'hard bounce')`;
    await h.http
      .put(`/api/v1/runbooks/${prefix}-vip`)
      .set(auth())
      .send({ name: 'VIP plan', steps: [{ id: 'vip', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, filter: { field: 'tags', eq: 'vip' } }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-vip/publish`).set(auth()).expect(201);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(`${prefix}-vip`, externalIds)).expect(201);
    await waitFor('the VIPs sent', async () => {
      const r = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body;
      return r.steps[0].state === 'completed';
    });
    const rows = await h.prisma.$queryRaw<{ state: string; n: bigint }[]>`
      SELECT state::text, count(*) AS n FROM notification WHERE incident_id = ${body.id}::uuid GROUP BY 1 ORDER BY 1`;
    expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([['sent', vips.length - 1], ['suppressed', 1]]);
    for (const id of externalIds) expect(h.sink.to(`${id}@customers.test`)).toHaveLength(vips.includes(id) && id !== vips[1] ? 1 : 0);
  });
});

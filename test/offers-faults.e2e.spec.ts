import { auth, Harness, waitFor } from './support/harness';
import { WorkerProcess } from './support/worker-process';
import { customers, uniq } from './factories/scenario.factory';

// Small batches, so many assignments run while the worker is killed and while the test cuts connections.
const SETTINGS = { SEND_BATCH_SIZE: '25', SEND_CONCURRENCY: '4', WORKER_CONCURRENCY: '2', SENDING_LEASE_MS: '8000', RECONCILE_INTERVAL_MS: '300' };
const TEMPLATE = { subject: 'Our apology', html: '<p>Code {{offer.code}}</p>', text: 'Your code: {{offer.code}}', variables: ['offer.code'] };

jest.setTimeout(600_000);

describe('Offer codes under faults: two worker processes, one killed with SIGKILL mid-assignment, connections cut', () => {
  let h: Harness;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await Harness.start({ workers: 0, env: { OFFER_CODE_KEY: 'offers-fault-test-code-key-0123456789abcdef' } });
  });
  afterAll(async () => {
    for (const c of children) await c.kill();
    await h.stop();
  });
  const workerEnv = () => ({ ...SETTINGS, SMTP_URL: h.sink.url });

  it('gives no code twice and no customer two codes, and every message of a customer carries their one code', async () => {
    const prefix = uniq('offkill');
    const n = 1200;
    const list = customers(prefix, n);
    for (let i = 0; i < n; i += 1000) await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list.slice(i, i + 1000) }).expect(200);
    await h.http.put(`/api/v1/templates/${prefix}-t/email/en`).set(auth()).send(TEMPLATE).expect(200);
    const offer = `${prefix}-o`;
    await h.http.put(`/api/v1/offers/${offer}`).set(auth()).send({ title: 'Credit', terms: 'Free.' }).expect(200);
    const codes = Array.from({ length: n + 20 }, (_, i) => `K-${prefix}-${i}`);
    await h.http.post(`/api/v1/offers/${offer}/codes`).set(auth()).set('Content-Type', 'text/plain').send(codes.join('\n')).expect(200);
    await h.http.put(`/api/v1/runbooks/${prefix}-rb`).set(auth()).send({ name: prefix, steps: [{ id: 'apology', audience: 'affected_customers', channel: 'email', template: `${prefix}-t`, offer }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-rb/publish`).set(auth()).expect(201);

    const mine = () => h.sink.received.filter((m) => m.envelopeTo[0].startsWith(`${prefix}-`));
    h.sink.delayMs = 2;
    // started together, with room for a busy machine (ts-node compiles the worker at start)
    const [first, second] = await Promise.all([WorkerProcess.start(workerEnv(), 240_000), WorkerProcess.start(workerEnv(), 240_000)]);
    children.push(first, second);
    const { body: incident } = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send({ runbook: `${prefix}-rb`, title: 'Breach', severity: 'high', awareAt: new Date().toISOString(), affected: { externalIds: list.map((c) => c.externalId) } })
      .expect(201);

    // cut the database connection of whichever worker is in the middle of an assignment (a few times)
    let cut = 0;
    let cutting = true;
    const cutter = (async () => {
      while (cutting && cut < 3) {
        const rows = await h.prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%INSERT INTO offer_assignment%' AND pid <> pg_backend_pid()`;
        for (const r of rows) {
          await h.prisma.$queryRaw`SELECT pg_terminate_backend(${r.pid}::int)`.catch(() => undefined);
          cut++;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    })();

    await waitFor('a quarter of the mail sent', async () => mine().length >= n / 4, 300_000);
    await first.kill('SIGKILL');
    expect(mine().length).toBeLessThan(n); // really killed mid-fan-out
    // the survivor's reconciler re-queues what the dead one held; a fresh worker joins too
    children.push(await WorkerProcess.start(workerEnv(), 240_000));
    await waitFor(
      'every customer emailed',
      async () => {
        const r = await h.http.get(`/api/v1/incidents/${incident.id}/reach`).set(auth()).expect(200);
        return r.body.sent === n;
      },
      300_000,
    );
    cutting = false;
    await cutter;
    h.sink.delayMs = 0;

    // the database: one assignment per customer, one customer per code
    const assignments = await h.prisma.offerAssignment.findMany({ where: { incidentId: incident.id } });
    expect(assignments).toHaveLength(n);
    expect(new Set(assignments.map((a) => a.customerId)).size).toBe(n);
    expect(new Set(assignments.map((a) => a.codeId!.toString())).size).toBe(n);
    const { id: offerId } = await h.prisma.offer.findUniqueOrThrow({ where: { key: offer } });
    expect(await h.prisma.offerCode.count({ where: { offerId, assignedAt: { not: null } } })).toBe(n); // no code taken and lost

    // the messages: each customer's mails (a crash may repeat one) all carry the code the export says is theirs
    const csv = await h.http.get(`/api/v1/offers/${offer}/assignments.csv`).set(auth()).expect(200);
    const exported = new Map(
      csv.text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0], c[3]]),
    );
    expect(new Set(exported.values()).size).toBe(n);
    const byCustomer = new Map<string, Set<string>>();
    for (const m of mine()) {
      const to = m.envelopeTo[0].replace('@customers.test', '');
      const code = /Your code: (\S+)/.exec(m.text)![1];
      byCustomer.set(to, (byCustomer.get(to) ?? new Set()).add(code));
    }
    expect(byCustomer.size).toBe(n);
    for (const [externalId, seen] of byCustomer) expect([...seen]).toEqual([exported.get(externalId)]);
    console.log(`offer faults: ${mine().length} mails for ${n} customers, ${cut} assignment connection(s) cut, first worker killed at ${n / 4}+ mails`);
  });
});

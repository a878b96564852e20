import request from 'supertest';
import { WorkerMetricsServer } from '../src/metrics/worker-metrics.server';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { ADMIN_KEY, auth, Harness, waitFor } from './support/harness';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Prometheus metrics of the API and of a worker, and the queue board. */
describe('Operations endpoints', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ env: { METRICS_TOKEN, METRICS_PORT: '0' } });
  });
  afterAll(() => h.stop());

  const scrape = async (path = '/metrics') => (await h.http.get(path).set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  it('serves /metrics only with METRICS_TOKEN when one is set', async () => {
    expect((await h.http.get('/metrics').expect(401)).body.error.code).toBe('unauthorized');
    await h.http.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789abcdef').expect(401);
    const res = await h.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
  });

  it('reports queue depths, steps by state and worker counters for sends, fan-out and the reconciler', async () => {
    const prefix = uniq('metrics');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 6);
    h.sink.failFor = (rcpt) => (rcpt === `${prefix}-0@customers.test` ? { code: 550, message: '5.1.1 no such user' } : null);
    const incident = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201)).body;
    await waitFor('all sent or failed', async () => (await h.prisma.notification.count({ where: { incidentId: incident.id, state: { in: ['sent', 'failed'] } } })) === 6);
    h.sink.failFor = () => null;

    const api = await scrape();
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(value(api, `tocsin_queue_jobs{queue="send",state="${state}"}`)).toBeGreaterThanOrEqual(0);
    expect(value(api, 'tocsin_backend_up{backend="redis"}')).toBe(1);
    expect(value(api, 'tocsin_incident_steps{state="completed"}')).toBeGreaterThanOrEqual(1);

    const port = h.workers[0].get(WorkerMetricsServer).port!;
    const worker = (await request(`http://127.0.0.1:${port}`).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
    expect(value(worker, 'tocsin_sends_total{channel="email",outcome="sent"}')).toBeGreaterThanOrEqual(5);
    expect(value(worker, 'tocsin_sends_total{channel="email",outcome="failed"}')).toBeGreaterThanOrEqual(1);
    expect(value(worker, 'tocsin_fanout_recipients_total{channel="email"}')).toBeGreaterThanOrEqual(6);
    await request(`http://127.0.0.1:${port}`).get('/metrics').expect(401);

    // a forced reconciler pass that finds a notification whose job vanished counts it
    const lost = await h.prisma.notification.findFirstOrThrow({ where: { incidentId: incident.id, state: 'sent' } });
    await h.prisma.$executeRaw`UPDATE notification SET state = 'queued', job_id = 'gone', updated_at = now() - interval '1 hour' WHERE id = ${lost.id}::uuid`;
    await waitFor('re-sent', async () => (await h.prisma.notification.findUniqueOrThrow({ where: { id: lost.id } })).state === 'sent');
    const after = (await request(`http://127.0.0.1:${port}`).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    expect(value(after, 'tocsin_reconciler_actions_total{action="requeued"}')).toBeGreaterThanOrEqual(1);
  });

  it('serves Bull Board at /admin/queues to admin keys only, with local assets', async () => {
    const anonymous = await h.http.get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toContain('Basic');
    expect(anonymous.body.error.code).toBe('unauthorized');
    const viewer = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'ops-viewer', role: 'viewer' }).expect(201)).body.secret;
    expect((await h.http.get('/admin/queues').set(auth(viewer)).expect(403)).body.error.code).toBe('forbidden');
    await h.http.get('/admin/queues').auth('ops', 'not-a-key').expect(401);

    const page = await h.http.get('/admin/queues').auth('ops', ADMIN_KEY).expect(200);
    expect(page.text).toContain('__UI_CONFIG__');
    expect(page.text).not.toMatch(/(src|href)="https?:\/\//);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const script = /src="([^"]+\.js)"/.exec(page.text)![1];
    await h.http.get(`/admin/queues/${script}`).set(auth()).expect(200).expect('Content-Type', /javascript/);
    const queues = await h.http.get('/admin/queues/api/queues').set(auth()).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['fanout', 'import', 'send']);
  });
});

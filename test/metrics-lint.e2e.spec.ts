import request from 'supertest';
import { WorkerMetricsServer } from '../src/metrics/worker-metrics.server';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { families, lintExposition, promtoolCheck } from './support/prometheus-lint';
import { auth, Harness, waitFor } from './support/harness';

// What each process measures (docs/operations.md lists the same): the API reads queues and Postgres at
// scrape time and receives provider events; the worker counts sends, fan-out and reconciler passes.
const API_FAMILIES = ['tocsin_backend_up', 'tocsin_delivery_events_total', 'tocsin_incident_customers', 'tocsin_incident_steps', 'tocsin_notifications', 'tocsin_queue_jobs'];
const WORKER_FAMILIES = ['tocsin_fanout_recipients_total', 'tocsin_reconciler_actions_total', 'tocsin_sends_total'];
const PROCESS_FAMILIES = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_active_handles', 'nodejs_gc_duration_seconds'];

/** Both metrics endpoints, scraped from the real API and worker after a small fan-out, held to Prometheus's rules. */
describe('Metrics endpoints are promtool-clean and list only what each process measures', () => {
  let h: Harness;
  const scraped: Record<'api' | 'worker', string> = { api: '', worker: '' };

  beforeAll(async () => {
    h = await Harness.start({ env: { METRICS_PORT: '0' } });
    const prefix = uniq('lint');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const incident = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201)).body;
    await waitFor('all sent', async () => (await h.prisma.notification.count({ where: { incidentId: incident.id, state: 'sent' } })) === 3);
    scraped.api = (await h.http.get('/metrics').expect(200)).text;
    const port = h.workers[0].get(WorkerMetricsServer).port!;
    scraped.worker = (await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text;
  });
  afterAll(() => h.stop());

  it.each(['api', 'worker'] as const)('%s: no gauge ends in _total, counters do, HELP on every family, base units, no name twice, a sample in every family', (endpoint) => {
    expect(lintExposition(scraped[endpoint])).toEqual([]);
  });

  it('lints what it should: a gauge named like a counter, an empty family, a duplicate, a counter without _total', () => {
    const bad = [
      '# HELP x_active_total a gauge', '# TYPE x_active_total gauge', 'x_active_total 1',
      '# HELP x_sends_total never incremented here', '# TYPE x_sends_total counter',
      '# HELP x_up twice', '# TYPE x_up gauge', 'x_up 1', '# HELP x_up twice', '# TYPE x_up gauge', 'x_up 1',
      '# HELP x_requests a counter', '# TYPE x_requests counter', 'x_requests 2',
      '# HELP x_latency_ms milliseconds', '# TYPE x_latency_ms gauge', 'x_latency_ms 2',
    ].join('\n');
    expect(lintExposition(`${bad}\n`)).toEqual(
      expect.arrayContaining([
        'x_up: listed more than once',
        'x_active_total: a gauge whose name ends in _total',
        'x_sends_total: HELP and TYPE without a sample (not measured by this process?)',
        'x_requests: a counter whose name does not end in _total',
        'x_latency_ms: not in base units (seconds, bytes)',
      ]),
    );
  });

  it('answers tocsin_backend_up about the scrape it is part of, the first one included', () => {
    expect(scraped.api).toMatch(/^tocsin_backend_up\{backend="redis"\} 1$/m);
    expect(scraped.api).toMatch(/^tocsin_backend_up\{backend="postgres"\} 1$/m);
  });

  it('lists on the API only what the API measures, on the worker only what the worker measures, and process figures on both', () => {
    const names = (endpoint: 'api' | 'worker') => families(scraped[endpoint]).map((f) => f.name);
    expect(names('api').filter((n) => n.startsWith('tocsin_')).sort()).toEqual(API_FAMILIES);
    expect(names('worker').filter((n) => n.startsWith('tocsin_')).sort()).toEqual(WORKER_FAMILIES);
    for (const endpoint of ['api', 'worker'] as const) {
      expect(names(endpoint).filter((n) => !n.startsWith('tocsin_') && !/^(process|nodejs)_/.test(n))).toEqual([]);
      expect(names(endpoint)).toEqual(expect.arrayContaining(PROCESS_FAMILIES));
    }
  });

  // promtool is installed by .ci/run (Debian's prometheus package); on a machine without it only the check above runs
  const promtoolInstalled = promtoolCheck('') !== null;
  (promtoolInstalled || process.env.CI ? it.each(['api', 'worker'] as const) : it.skip.each(['api', 'worker'] as const))('%s: `promtool check metrics` exits 0 with nothing to say', (endpoint) => {
    const res = promtoolCheck(scraped[endpoint]);
    if (!res) throw new Error('promtool is not installed (apt-get install prometheus); .ci/run installs it');
    expect(res).toEqual({ status: 0, output: '' });
  });
});

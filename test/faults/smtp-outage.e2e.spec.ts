import { uniq } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { auth, Harness, waitFor } from '../support/harness';
import { TcpProxy } from '../support/tcp-proxy';
import { consoleLogin } from '../support/console-session';
import { MAX_PROBE_MS } from '../../src/dispatch/relay-circuit/relay-circuit';
import { declare, FAULT_ENV, POPULATION, seedPopulation, seedRunbook, settle, startHarness } from './fault-scenario';

/**
 * The SMTP relay goes away in the middle of a fan-out: first refusing connections (a relay being restarted),
 * then answering 421 to every new connection (a relay shutting down). The outage only delays: no attempt is
 * spent on it, nobody fails, the health check says since when the relay is unreachable.
 */
describe('An SMTP relay outage in the middle of a fan-out', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  const sink = new CountingSmtpSink();
  let proxy: TcpProxy;
  const OUTAGE_MS = 12_000;

  beforeAll(async () => {
    await sink.start();
    proxy = new TcpProxy({ host: '127.0.0.1', port: sink.port });
    await proxy.start();
    ({ h, stop } = await startHarness({ ...FAULT_ENV, SMTP_URL: `smtp://127.0.0.1:${proxy.port}` }, 2));
  });
  afterAll(async () => {
    await stop();
    await proxy.stop();
    await sink.stop();
  });

  const mine = (prefix: string) => sink.accepted.filter((a) => a.to.startsWith(`${prefix}-`)).length;

  it('waits out a refused relay and a 421 relay without spending attempts, then sends everyone once', async () => {
    const prefix = uniq('smtpdown');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const incidentId = await declare(h, runbook, prefix);

    // 1. connections refused (and the open ones reset)
    await waitFor('a quarter sent', async () => mine(prefix) >= POPULATION / 4, 600_000);
    await proxy.cut();
    const health = await waitFor(
      'the health check to name the unreachable relay',
      async () => {
        const r = await h.http.get('/health');
        const relays = r.body?.details?.relays ?? r.body?.info?.relays;
        return relays?.unreachable?.length ? relays : null;
      },
      20_000,
    );
    expect(health.message).toMatch(/^email relay unreachable since \d{4}-\d\d-\d\dT/);
    // the incident page says it too
    const viewer = await consoleLogin(h, 'viewer');
    const page = await viewer.agent.get(`/console/incidents/${incidentId}`).expect(200);
    expect(page.text).toMatch(/<p id="relay-down" class="flash warn" role="alert"><span><strong>email relay unreachable<\/strong> since <time datetime="\d{4}-/);
    await new Promise((r) => setTimeout(r, OUTAGE_MS)); // the outage itself lasts this long (it is the fault, not a wait for a condition)
    const duringRefused = mine(prefix);
    await proxy.restore();
    const refusedEnded = Date.now();
    await waitFor('sending to resume', async () => mine(prefix) > duringRefused, MAX_PROBE_MS * 3);
    const resumedAfterRefused = (Date.now() - refusedEnded) / 1000;

    // 2. every new connection answered 421
    await waitFor('half sent', async () => mine(prefix) >= POPULATION / 2, 600_000);
    sink.refuse421 = true;
    await proxy.cut();
    await proxy.restore(); // reachable, but the relay answers 421 "service not available"
    await new Promise((r) => setTimeout(r, OUTAGE_MS / 2));
    sink.refuse421 = false;
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: `SMTP relay refusing for ${OUTAGE_MS / 1000} s, then 421 for ${OUTAGE_MS / 2000} s`, faultEndedAt: Date.now(), workers: 2, config: h.config });

    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBeLessThanOrEqual(figures.inFlightBound * 2); // two outages, each at most what was in flight
    expect(figures.resumedAfterS).toBeLessThanOrEqual((MAX_PROBE_MS * 2) / 1000);
    expect(resumedAfterRefused).toBeLessThanOrEqual((MAX_PROBE_MS * 2) / 1000);
    // the outages cost no attempt: every notice was sent on its first
    const rows = await h.prisma.notification.groupBy({ by: ['state', 'attempts'], where: { incidentId }, _count: true });
    expect(rows).toEqual([{ state: 'sent', attempts: 1, _count: POPULATION }]);
    // and the relay is reported reachable again
    await waitFor('the health check to clear', async () => {
      const r = await h.http.get('/health').set(auth());
      return (r.body?.details?.relays ?? r.body?.info?.relays)?.unreachable?.length === 0;
    }, 30_000);
  }, 1_500_000);
});

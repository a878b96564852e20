import { ChildProcess, spawn } from 'node:child_process';
import { uniq } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { Harness } from '../support/harness';
import { declare, FAULT_ENV, POPULATION, seedPopulation, seedRunbook, settle, startHarness } from './fault-scenario';

/** A process that keeps one core busy for as long as it lives. */
const hog = (): ChildProcess => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });

describe('A fan-out on a machine whose cores are kept busy by another process', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  const sink = new CountingSmtpSink();
  const hogs: ChildProcess[] = [];

  beforeAll(async () => {
    await sink.start();
    ({ h, stop } = await startHarness({ ...FAULT_ENV, SMTP_URL: sink.url }, 2));
  });
  afterAll(async () => {
    for (const p of hogs) p.kill('SIGKILL');
    await stop();
    await sink.stop();
  });

  it('tells every customer once: a slow machine delays, it never fails a customer', async () => {
    const prefix = uniq('cpuhog');
    await seedPopulation(h.config.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    hogs.push(hog(), hog());
    const incidentId = await declare(h, runbook, prefix);
    const figures = await settle({ databaseUrl: h.config.DATABASE_URL, incidentId, sink, prefix, n: POPULATION, fault: 'two CPU hogs for the whole fan-out', faultEndedAt: Date.now(), workers: 2, config: h.config, timeoutMs: 600_000 });
    for (const p of hogs.splice(0)) p.kill('SIGKILL');

    const failed = await h.prisma.notification.count({ where: { incidentId, state: { not: 'sent' } } });
    expect(failed).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBe(0); // no fault here, only load: nothing may repeat
  }, 1_500_000);
});

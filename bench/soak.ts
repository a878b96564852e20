// npm run soak -- [--minutes 10] [--population 50000] [--workers 3]
//
// Repeats random faults over fan-outs for N minutes and prints, per fan-out, what they cost: customers lost,
// duplicate emails against the in-flight bound, and how long the fan-out took. Everything is the soak's own:
// a PostgreSQL and a Redis server it starts (and restarts), an SMTP sink behind a proxy it cuts, worker
// processes it kills with SIGKILL. Not part of `npm test` (it runs for minutes); the fault suite in
// test/faults/ runs one fault of each kind in CI.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { inFlightBound } from '../src/dispatch/send-batch/in-flight-bound';
import { CountingSmtpSink } from '../test/support/counting-smtp-sink';
import { Harness } from '../test/support/harness';
import { PostgresServer } from '../test/support/postgres-server';
import { RedisServer } from '../test/support/redis-server';
import { TcpProxy } from '../test/support/tcp-proxy';
import { WorkerProcess } from '../test/support/worker-process';
import { declare, seedPopulation, seedRunbook } from '../test/faults/fault-scenario';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const MINUTES = arg('minutes', 10);
const POPULATION = arg('population', 50_000);
const WORKERS = arg('workers', 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

interface Env {
  pg: PostgresServer;
  redis: RedisServer;
  sink: CountingSmtpSink;
  proxy: TcpProxy;
  h: Harness;
  workers: WorkerProcess[];
  workerEnv: Record<string, string>;
}

type Fault = { name: string; run: (e: Env) => Promise<number> }; // resolves with the number of worker processes it hit

const FAULTS: Fault[] = [
  {
    name: 'worker kill -9',
    run: async (e) => {
      const victim = pick(e.workers);
      await victim.kill('SIGKILL');
      e.workers.splice(e.workers.indexOf(victim), 1, await WorkerProcess.start(e.workerEnv, 120_000));
      return 1;
    },
  },
  {
    name: 'Redis FLUSHALL',
    run: async (e) => {
      const c = new Redis(e.redis.url);
      await c.flushall();
      c.disconnect();
      return WORKERS;
    },
  },
  {
    name: 'Redis killed, back empty after 5 s',
    run: async (e) => {
      await e.redis.crash();
      await sleep(5000);
      await e.redis.up();
      return WORKERS;
    },
  },
  {
    name: 'PostgreSQL stopped for 17 s',
    run: async (e) => {
      e.pg.down('fast');
      await sleep(17_000);
      e.pg.up();
      return WORKERS;
    },
  },
  {
    name: 'SMTP relay down for 30 s',
    run: async (e) => {
      await e.proxy.cut();
      await sleep(30_000);
      await e.proxy.restore();
      return WORKERS;
    },
  },
];

async function main(): Promise<void> {
  const pg = await PostgresServer.start();
  const admin = new Client({ connectionString: pg.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE tocsin');
  await admin.end();
  const root = path.resolve(__dirname, '..');
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: pg.url('tocsin') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const redis = await RedisServer.start();
  const sink = new CountingSmtpSink();
  await sink.start();
  const proxy = new TcpProxy({ host: '127.0.0.1', port: sink.port });
  await proxy.start();
  const base = {
    DATABASE_URL: pg.url('tocsin'),
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://127.0.0.1:${proxy.port}`,
    QUEUE_PREFIX: `soak-${randomBytes(3).toString('hex')}`,
    NOTICE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    RECONCILE_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
  };
  Object.assign(process.env, base);
  const h = await Harness.start({ workers: 0, env: base });
  // LOG_LEVEL log for the workers: WorkerProcess waits for their 'worker started' line
  const workerEnv = { ...base, LOG_LEVEL: 'log', MAIL_FROM: h.config.MAIL_FROM, PUBLIC_URL: h.config.PUBLIC_URL };
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await WorkerProcess.start(workerEnv, 120_000));
  const env: Env = { pg, redis, sink, proxy, h, workers, workerEnv };

  console.log(`soak: ${MINUTES} min of random faults over fan-outs of ${POPULATION} customers, ${WORKERS} worker processes`);
  console.log('| fan-out | faults | population | lost | duplicates | in-flight bound | seconds |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const endAt = Date.now() + MINUTES * 60_000;
  let round = 0;
  let totalLost = 0;
  while (Date.now() < endAt) {
    round++;
    const prefix = `soak${round}-${randomBytes(3).toString('hex')}`;
    await seedPopulation(base.DATABASE_URL, prefix, POPULATION);
    const runbook = await seedRunbook(h, prefix);
    const started = Date.now();
    const incidentId = await declare(h, runbook, prefix);
    const faults: string[] = [];
    let hit = 0;
    const sentCount = async () => {
      try {
        const c = new Client({ connectionString: base.DATABASE_URL });
        await c.connect();
        const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM notification WHERE incident_id = $1 AND state = 'sent'`, [incidentId]);
        await c.end();
        return Number(rows[0].n);
      } catch {
        return -1; // PostgreSQL is down right now
      }
    };
    for (;;) {
      const sent = await sentCount();
      if (sent === POPULATION) break;
      if (Date.now() - started > 30 * 60_000) {
        console.log(`fan-out ${round} did not finish in 30 min (sent ${sent})`);
        break;
      }
      if (sent >= 0 && Math.random() < 0.5) {
        const fault = pick(FAULTS);
        faults.push(fault.name);
        hit += await fault.run(env);
        await sleep(15_000 + Math.random() * 15_000); // time to recover before the next roll of the dice
      }
      await sleep(3000 + Math.random() * 7000);
    }
    const got = sink.byRecipient(`${prefix}-`);
    let lost = 0;
    let duplicates = 0;
    for (let i = 0; i < POPULATION; i++) {
      const n = got.get(`${prefix}-${i}@customers.test`)?.length ?? 0;
      if (!n) lost++;
      duplicates += Math.max(0, n - 1);
    }
    totalLost += lost;
    const bound = inFlightBound(h.config, Math.max(1, hit));
    console.log(`| ${round} | ${faults.join(', ') || 'none'} | ${POPULATION} | ${lost} | ${duplicates} | ${bound} | ${((Date.now() - started) / 1000).toFixed(0)} |`);
  }
  console.log(`soak: ${round} fan-outs, ${totalLost} customers lost in all`);
  for (const w of workers) await w.kill();
  await h.stop();
  await proxy.stop();
  await sink.stop();
  await redis.crash();
  pg.destroy();
  process.exit(totalLost ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

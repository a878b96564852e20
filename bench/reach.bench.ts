// Reach-report latency bench (#19 item 4): `GET /incidents/{id}/reach` on an incident of N notifications,
// idle and while writers move notifications queued → sending → sent as the send workers do (claim, then
// write-back, in batches), which fires the reach-counter triggers on every statement.
//   npm run build && npx ts-node --transpile-only bench/reach.bench.ts --recipients 1000000
// Builds the data set with set-based SQL (no SMTP, no worker, no fan-out job is run: the API process is
// started alone), so a million-notification incident takes about a minute, not the fan-out bench's twenty.
// Needs PostgreSQL and Redis at the default URLs (or DATABASE_ADMIN_URL / REDIS_URL). Prints figures and
// writes bench/results/reach-latest.json. --keep leaves the database (its name is printed) for EXPLAIN.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '1000000' },
    // seconds of each phase (idle, then writing)
    seconds: { type: 'string', default: '30' },
    // notifications moved per second by the writers, in all: about what one worker process sends on this machine
    rate: { type: 'string', default: '2500' },
    // concurrent writers (the worker runs 8 send jobs; 4 connections is what the write-backs keep busy)
    writers: { type: 'string', default: '4' },
    // notifications per claim and per write-back (SEND_BATCH_SIZE)
    batch: { type: 'string', default: '100' },
    // time between two reach requests (a dashboard asks every 2 s; more often here for more samples)
    interval: { type: 'string', default: '250' },
    keep: { type: 'boolean', default: false },
    // compiled builds to compare, comma-separated (default: dist/): each runs the idle and the writing phase in
    // turn, `rounds` times, against the same data, so a busy machine's load falls on all of them alike
    dists: { type: 'string', default: '' },
    rounds: { type: 'string', default: '1' },
  },
});
const N = Number(values.recipients);
const PHASE_MS = Number(values.seconds) * 1000;
const RATE = Number(values.rate);
const WRITERS = Number(values.writers);
const BATCH = Number(values.batch);
const INTERVAL = Number(values.interval);
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'bench-admin-key-0123456789abcdefghij';
const PORT = 3998;

const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentiles(xs: number[]): { samples: number; p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? Number(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)].toFixed(1)) : NaN);
  return { samples: s.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const db = `tocsin_reach_${run}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).toString();
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'ignore' });
  console.log(`reach bench: database ${db}, ${N.toLocaleString('en')} notifications, writers ${WRITERS} × ${BATCH} at ${RATE}/s`);

  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  let t = Date.now();
  await pg.query(`
    INSERT INTO customer (external_id, email, name, locale, timezone, tags, updated_at)
    SELECT 'bench-' || i, 'bench-' || i || '@customers.test', 'Customer ' || i, 'en', 'UTC', ARRAY['bench'], now() FROM generate_series(0, $1 - 1) i`, [N]);
  console.log(`  customers in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    REDIS_URL,
    SMTP_URL: 'smtp://127.0.0.1:2',
    PUBLIC_URL: `http://localhost:${PORT}`,
    MAIL_FROM: 'Acme <security@acme.test>',
    TOCSIN_ADMIN_KEY: KEY,
    NOTICE_TOKEN_SECRET: 'bench-notice-token-secret-0123456789abcdef',
    QUEUE_PREFIX: `bench-${run}`,
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
  };
  const dists = values.dists ? values.dists.split(',') : [process.env.BENCH_DIST ?? path.join(root, 'dist')];
  let api: ChildProcess | undefined;
  const startApi = async (dist: string) => {
    api = spawn(process.execPath, [path.join(dist, 'main.js')], { env, stdio: 'inherit' });
    children.push(api);
    for (let i = 0; i < 300; i++) {
      try {
        await fetch(`http://127.0.0.1:${PORT}/health`);
        return;
      } catch {
        await sleep(200);
      }
    }
  };
  const stopApi = async () => {
    const p = api!;
    await new Promise((r) => {
      p.once('exit', r);
      p.kill('SIGTERM');
    });
  };
  await startApi(dists[0]);
  const base = `http://127.0.0.1:${PORT}/api/v1`;
  const call = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(base + url, { method, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
  await call('PUT', '/templates/bench-notice/email/en', { subject: 'Notice {{customer.name}}', text: 'Dear {{customer.name}}', html: '<p>Dear {{customer.name}}</p>', variables: ['customer.name'] });
  await call('PUT', '/runbooks/bench', { name: 'bench', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template: 'bench-notice' }] });
  await call('POST', '/runbooks/bench/publish');
  t = Date.now();
  const incident = await call('POST', '/incidents', { runbook: 'bench', title: 'Bench', severity: 'high', awareAt: new Date(Date.now() - 60_000).toISOString(), facts: {}, affected: { filter: { field: 'tags', eq: 'bench' } } });
  const incidentId = incident.id as string;
  console.log(`  declared in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // no worker runs: the notifications are materialised here as the fan-out does (born `queued`), in pages
  const { rows: steps } = await pg.query(`SELECT id FROM incident_step WHERE incident_id = $1`, [incidentId]);
  const stepId = steps[0].id as string;
  t = Date.now();
  const PAGE = 50_000;
  for (let from = 0; from < N; from += PAGE) {
    await pg.query(
      `INSERT INTO notification (incident_id, step_id, customer_id, channel, recipient, state, job_id, queued_at)
       SELECT $1, $2, c.id, 'email', c.email, 'queued', 'bench', now()
       FROM customer c WHERE c.external_id IN (SELECT 'bench-' || i FROM generate_series($3::int, $4::int) i)`,
      [incidentId, stepId, from, Math.min(N, from + PAGE) - 1],
    );
  }
  await pg.query(`UPDATE incident_step SET state = 'dispatched', started_at = now(), dispatched_at = now() WHERE id = $1`, [stepId]);
  await pg.query(`VACUUM ANALYZE notification`);
  console.log(`  ${N.toLocaleString('en')} notifications in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const measure = async (ms: number): Promise<number[]> => {
    const out: number[] = [];
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const t0 = performance.now();
      await call('GET', `/incidents/${incidentId}/reach`);
      out.push(performance.now() - t0);
      await sleep(INTERVAL);
    }
    return out;
  };
  const clients = await Promise.all(Array.from({ length: WRITERS }, async () => {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    return c;
  }));
  const rounds = Number(values.rounds);
  const { rows: ids } = await pg.query<{ id: string }>(`SELECT id::text FROM notification WHERE incident_id = $1 ORDER BY customer_id LIMIT $2`, [incidentId, Math.ceil((RATE * PHASE_MS) / 1000) * 2 * rounds * dists.length]);
  let next = 0;
  // the writers: claim (queued → sending) then write back (sending → sent) a batch, as a send job does
  const writePhase = async (ms: number) => {
    let moved = 0;
    let writing = true;
    const started = Date.now();
    const writer = async (c: Client) => {
      while (writing && next < ids.length) {
        const batch = ids.slice(next, next + BATCH).map((r) => r.id);
        next += BATCH;
        await c.query(`UPDATE notification SET state = 'sending', sending_at = now(), attempts = attempts + 1, first_attempt_at = now(), updated_at = now() WHERE id = ANY($1::uuid[]) AND state IN ('pending', 'queued')`, [batch]);
        await c.query(`UPDATE notification SET state = 'sent', sent_at = now(), provider_message_id = 'bench', updated_at = now() WHERE id = ANY($1::uuid[]) AND state = 'sending'`, [batch]);
        moved += batch.length;
        // paced to RATE in all: ahead of schedule, wait
        const ahead = (moved / RATE) * 1000 - (Date.now() - started);
        if (ahead > 0) await sleep(ahead);
      }
    };
    const writes = Promise.all(clients.map(writer));
    const during = await measure(ms);
    writing = false;
    await writes;
    return { during, rate: Math.round(moved / ((Date.now() - started) / 1000)) };
  };

  const samples = dists.map(() => ({ idle: [] as number[], during: [] as number[], rates: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (const [d, dist] of dists.entries()) {
      if (r + d > 0) {
        await stopApi();
        await startApi(dist);
      }
      await measure(3000); // warm-up: the first requests compile code paths and open connections
      const idle = await measure(PHASE_MS);
      const { during, rate } = await writePhase(PHASE_MS);
      console.log(`  ${dist} round ${r + 1}: idle ${JSON.stringify(percentiles(idle))}; while writing (${rate} notifications/s sent) ${JSON.stringify(percentiles(during))}`);
      samples[d].idle.push(...idle);
      samples[d].during.push(...during);
      samples[d].rates.push(rate);
    }
  }
  const { rows: dead } = await pg.query(`SELECT relname, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname IN ('reach_counter', 'incident_counter', 'reach_latency', 'incident_reach_latency', 'notice_counter') ORDER BY relname`);

  const result = {
    recipients: N,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    writers: WRITERS,
    batch: BATCH,
    rounds,
    reachMs: Object.fromEntries(dists.map((dist, d) => [dist, { idle: percentiles(samples[d].idle), duringWrites: percentiles(samples[d].during), notificationsPerSecond: samples[d].rates }])),
    counterTables: dead,
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'reach-latest.json'), JSON.stringify(result, null, 2) + '\n');

  await stopApi();
  await Promise.all(clients.map((c) => c.end()));
  await sleep(1500);
  await pg.end();
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  else console.log(`kept database ${db} (incident ${incidentId})`);
  await admin.end();
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `{bench-${run}}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
  await redis.quit();
}

main().catch((e) => {
  console.error(e);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});

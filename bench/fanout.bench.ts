// Fan-out benchmark: a raw Handlebars + Nodemailer-pool blast, the pool's limit (pre-composed raw messages)
// and Tocsin end to end (API process + worker process, declare → every notification `sent`), to the same
// SMTP sink, in the same run.
//   npm run build && npm run bench -- --recipients 100000
// Needs PostgreSQL and Redis at the default URLs (or DATABASE_ADMIN_URL / REDIS_URL). Prints figures and
// writes bench/results/latest.json.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Handlebars from 'handlebars';
import Redis from 'ioredis';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import { configSchema } from '../src/config/config.schema';

const root = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    // SMTP connections of both contenders. The sink answers each command in turn, so a few connections
    // leave the sender waiting on round trips: 20 is where the raw baseline stopped getting faster here
    // (5 → ~2,050 msg/s, 10 → ~2,350, 20 → ~2,600, 32 and 50 no better), the strongest honest baseline.
    pool: { type: 'string', default: '20' },
    // messages in flight in both: the baseline's lanes; Tocsin's per-process bound EMAIL_CONCURRENCY
    lanes: { type: 'string', default: '80' },
    // send jobs a Tocsin worker runs at once, each with lanes / min(jobs, 4) lanes (SEND_CONCURRENCY): more
    // jobs than the bound needs, so one job's start and end (claim, write-back, next job) leave no lane idle
    jobs: { type: 'string', default: '8' },
    // recipients per send job (SEND_BATCH_SIZE)
    batch: { type: 'string', default: '100' },
    // worker processes (each with the settings above: its own pool and in-flight bound), to show scale-out
    workers: { type: 'string', default: '1' },
    // write V8 CPU profiles of the API and worker to bench/results/prof/ (open them in Chrome DevTools)
    profile: { type: 'boolean', default: false },
    // development: run Tocsin alone (no baseline, no limit, so no ratios); written to results/tocsin-only.json, never latest.json
    'tocsin-only': { type: 'boolean', default: false },
    // node flags for every contender's process (the baseline's, the API's and the worker's). The default is
    // the young-generation size Tocsin's worker runs with (package.json, docker-compose.yml); the baseline
    // gets it too, and is faster with it (about 0.34 against 0.37 ms of CPU per message here)
    'node-flags': { type: 'string', default: '--max-semi-space-size=64' },
  },
});
const N = Number(values.recipients);
const POOL = Number(values.pool);
const LANES = Number(values.lanes);
const JOBS = Number(values.jobs);
const BATCH = Number(values.batch);
const WORKERS = Number(values.workers);
const NODE_FLAGS = values['node-flags'].split(/\s+/).filter(Boolean);
/** customers of the small incident declared first, to time declare → first message without a million rows to insert */
const PROBE = 100;
const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'bench-admin-key-0123456789abcdefghij';
const LINK_KEY = 'bench-baseline-link-key';

const TEMPLATE = {
  subject: 'Important: a security incident affecting your {{facts.company}} account',
  html: '<p>Dear {{customer.name}},</p><p>{{facts.whatHappened}}</p><p>Account {{customer.externalId}}</p><p>Call {{facts.hotline}}</p><p><a href="{{notice.url}}">Your notice</a></p>',
  text: 'Dear {{customer.name}},\n{{facts.whatHappened}}\nAccount {{customer.externalId}}\nCall {{facts.hotline}}\nYour notice: {{notice.url}}',
  variables: ['customer.name', 'customer.externalId', 'facts.company', 'facts.whatHappened', 'facts.hotline', 'notice.url'],
};
const FACTS = { company: 'Acme', whatHappened: 'An attacker accessed part of our customer database.', hotline: '0800 123 456' };

/** every process the bench starts, killed if it fails half-way */
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round(bytes / 1048576);

/**
 * The SMTP sink runs in its own process so neither contender pays for it on its event loop. It counts the
 * messages it accepted and remembers when the first one after a `mark` arrived (declare → first message).
 */
function startSink(): Promise<{ port: number; proc: ChildProcess; count: () => Promise<{ count: number; firstAt: number | null }>; mark: () => void }> {
  const code = `
    const { SMTPServer } = require(${JSON.stringify(path.join(root, 'node_modules/smtp-server'))});
    let n = 0, firstAt = null;
    const s = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, _s, cb) { stream.on('data', () => {}); stream.on('end', () => { n++; firstAt ??= Date.now(); cb(); }); } });
    s.listen(0, '127.0.0.1', () => process.send({ port: s.server.address().port }));
    process.on('message', (m) => { if (m === 'count') process.send({ count: n, firstAt }); if (m === 'mark') firstAt = null; });`;
  const p = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(p);
  return new Promise((resolve) => {
    p.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        proc: p,
        count: () =>
          new Promise((r) => {
            p.once('message', (x: { count: number; firstAt: number | null }) => r(x));
            p.send('count');
          }),
        mark: () => p.send('mark'),
      }),
    );
  });
}

/**
 * (a) The raw blast, in a plain node process of its own started with the same node flags as Tocsin's
 * processes (not inside this ts-node process, whose compiler would weigh on its heap and make it slower).
 * Returns msg/s and the child's pid for the CPU figures.
 */
async function baseline(port: number): Promise<{ rate: number; cpuSeconds: number }> {
  const code = `
    const Handlebars = require(${JSON.stringify(path.join(root, 'node_modules/handlebars'))});
    const nodemailer = require(${JSON.stringify(path.join(root, 'node_modules/nodemailer'))});
    const { createHmac } = require('node:crypto');
    const [N, POOL, LANES] = ${JSON.stringify([N, POOL, LANES])};
    const TEMPLATE = ${JSON.stringify(TEMPLATE)}, FACTS = ${JSON.stringify(FACTS)}, LINK_KEY = ${JSON.stringify(LINK_KEY)};
    const hbs = Handlebars.create();
    const compiled = { subject: hbs.compile(TEMPLATE.subject), html: hbs.compile(TEMPLATE.html), text: hbs.compile(TEMPLATE.text) };
    const { PassThrough } = require('node:stream');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ${port}, secure: false, pool: true, maxConnections: POOL, maxMessages: Infinity });
    // what the pool's transport reads of a message (Nodemailer's transport API), as Tocsin's sendComposed gives it
    const send = (raw, envelope, messageId) => new Promise((resolve, reject) => transport.transporter.send({ data: {}, message: {
      getEnvelope: () => envelope, messageId: () => messageId, getHeader: (k) => (k.toLowerCase() === 'message-id' ? messageId : undefined),
      createReadStream: () => new PassThrough().end(raw) } }, (err, info) => (err ? reject(err) : resolve(info))));
    (async () => {
      const started = process.hrtime.bigint();
      const cpu0 = process.cpuUsage();
      let next = 0;
      await Promise.all(Array.from({ length: LANES }, async () => {
        while (next < N) {
          const i = next++;
          // a personal link per customer, an HMAC as Tocsin's notice links are, so both sides do the same work
          const ctx = { customer: { name: 'Customer ' + i, externalId: 'bench-' + i }, facts: FACTS,
            notice: { url: 'http://bench.local/n/' + createHmac('sha256', LINK_KEY).update('bench-' + i).digest('base64url') } };
          await transport.sendMail({
            from: 'Acme <security@acme.test>', to: { name: 'Customer ' + i, address: 'bench-' + i + '@customers.test' },
            subject: compiled.subject(ctx), html: compiled.html(ctx), text: compiled.text(ctx), messageId: '<baseline-' + i + '@acme.test>',
          });
        }
      }));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpu0);
      transport.close();
      process.send({ rate: N / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
    })();`;
  return contender('baseline', code);
}

/**
 * (c) The limit: the same Nodemailer pool, lanes and node flags sending a message composed once — only the
 * recipient and the Message-ID change, spliced into the bytes — handed to the pool's transport as Tocsin
 * hands a composed message (past Nodemailer's Mailer, which only rewraps raw bytes: src/channels/email/
 * mail-transport.ts, sendComposed). Nothing can send through this pool faster than this; what separates a
 * contender from it is its per-message work.
 */
async function limit(port: number): Promise<{ rate: number; cpuSeconds: number }> {
  const code = `
    const nodemailer = require(${JSON.stringify(path.join(root, 'node_modules/nodemailer'))});
    const MailComposer = require(${JSON.stringify(require.resolve('nodemailer/lib/mail-composer'))});
    const Handlebars = require(${JSON.stringify(path.join(root, 'node_modules/handlebars'))});
    const [N, POOL, LANES] = ${JSON.stringify([N, POOL, LANES])};
    const TEMPLATE = ${JSON.stringify(TEMPLATE)}, FACTS = ${JSON.stringify(FACTS)};
    const hbs = Handlebars.create();
    const ctx = { customer: { name: 'Customer 0', externalId: 'bench-0' }, facts: FACTS, notice: { url: 'http://bench.local/n/' + 'x'.repeat(43) } };
    const { PassThrough } = require('node:stream');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: ${port}, secure: false, pool: true, maxConnections: POOL, maxMessages: Infinity });
    // what the pool's transport reads of a message (Nodemailer's transport API), as Tocsin's sendComposed gives it
    const send = (raw, envelope, messageId) => new Promise((resolve, reject) => transport.transporter.send({ data: {}, message: {
      getEnvelope: () => envelope, messageId: () => messageId, getHeader: (k) => (k.toLowerCase() === 'message-id' ? messageId : undefined),
      createReadStream: () => new PassThrough().end(raw) } }, (err, info) => (err ? reject(err) : resolve(info))));
    new MailComposer({ from: 'Acme <security@acme.test>', to: 'TO_PLACEHOLDER@customers.test', subject: hbs.compile(TEMPLATE.subject)(ctx),
      html: hbs.compile(TEMPLATE.html)(ctx), text: hbs.compile(TEMPLATE.text)(ctx), messageId: '<MID_PLACEHOLDER@acme.test>' }).compile().build((err, message) => {
      if (err) throw err;
      const [a, rest] = message.toString().split('TO_PLACEHOLDER');
      const [b, c] = rest.split('MID_PLACEHOLDER');
      (async () => {
        const started = process.hrtime.bigint();
        const cpu0 = process.cpuUsage();
        let next = 0;
        await Promise.all(Array.from({ length: LANES }, async () => {
          while (next < N) {
            const i = next++;
            const to = 'limit-' + i;
            await send(Buffer.from(a + to + b + 'limit-' + i + c), { from: 'security@acme.test', to: [to + '@customers.test'] }, '<limit-' + i + '@acme.test>');
          }
        }));
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpu = process.cpuUsage(cpu0);
        transport.close();
        process.send({ rate: N / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.exit(0));
      })();
    });`;
  return contender('limit', code);
}

/** Runs a contender's script in a plain node process with the bench's node flags; it answers { rate, cpuSeconds }. */
function contender(name: string, code: string): Promise<{ rate: number; cpuSeconds: number }> {
  const p = spawn(process.execPath, [...NODE_FLAGS, '-e', code], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(p);
  return new Promise((resolve, reject) => {
    p.once('message', (m: { rate: number; cpuSeconds: number }) => resolve(m));
    p.once('exit', (c) => c && reject(new Error(`${name} exited with ${c}`)));
  });
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 once it is gone). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Pids of every process with this command name (PostgreSQL backends, redis-server). */
function pidsOf(comm: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Where the CPU went during a phase: each process's CPU seconds between two snapshots. PostgreSQL and
 * Redis are whole servers (other work on the machine shows up there too); backends that exit mid-phase
 * are lost, which the pooled connections of the API and worker do not do.
 */
function cpuSnapshot(named: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, pid] of Object.entries(named)) out[k] = cpuSeconds(pid);
  for (const pid of pidsOf('postgres')) out[`pg:${pid}`] = cpuSeconds(pid);
  out.redis = pidsOf('redis-server').reduce((a, pid) => a + cpuSeconds(pid), 0);
  return out;
}

function cpuDelta(before: Record<string, number>, after: Record<string, number>, seconds: number): Record<string, number> {
  const d: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const key = k.startsWith('pg:') ? 'postgres' : k;
    d[key] = (d[key] ?? 0) + Math.max(0, v - (before[k] ?? (k.startsWith('pg:') ? 0 : v)));
  }
  // as a share of one core over the phase: 1.0 = one core busy the whole time
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number((v / seconds).toFixed(2))]));
}

async function main(): Promise<void> {
  const run = Date.now().toString(36);
  const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  const db = `tocsin_bench_${run}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const dbUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).toString();
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'ignore' });

  const sink = await startSink();
  console.log(`bench: ${N.toLocaleString('en')} recipients, SMTP pool ${POOL}, ${LANES} in flight (Tocsin: ${JOBS} jobs of ${BATCH}), sink on :${sink.port}`);

  const cpuA0 = cpuSnapshot({ sink: sink.proc.pid });
  // each contender's messages are counted at the sink: a rate for messages that did not arrive is no rate
  const arrived = async (what: string, before: number) => {
    const got = (await sink.count()).count - before;
    if (got !== N) throw new Error(`${what}: the sink received ${got} messages, not ${N}`);
  };
  let baselineRate = NaN, baselineCpu = NaN, limitRate = NaN, limitCpu = NaN;
  let cpuA: Record<string, number> = {}, cpuC: Record<string, number> = {};
  if (!values['tocsin-only']) {
    const sinkAtA = (await sink.count()).count;
    ({ rate: baselineRate, cpuSeconds: baselineCpu } = await baseline(sink.port));
    await arrived('baseline', sinkAtA);
    cpuA = { baseline: Number((baselineCpu / (N / baselineRate)).toFixed(2)), ...cpuDelta(cpuA0, cpuSnapshot({ sink: sink.proc.pid }), N / baselineRate) };
    console.log(`(a) raw Handlebars + Nodemailer pool: ${baselineRate.toFixed(0)} msg/s; CPU (cores): ${JSON.stringify(cpuA)}`);
    const cpuC0 = cpuSnapshot({ sink: sink.proc.pid });
    const sinkAtC = (await sink.count()).count;
    ({ rate: limitRate, cpuSeconds: limitCpu } = await limit(sink.port));
    await arrived('limit', sinkAtC);
    cpuC = { limit: Number((limitCpu / (N / limitRate)).toFixed(2)), ...cpuDelta(cpuC0, cpuSnapshot({ sink: sink.proc.pid }), N / limitRate) };
    console.log(`(c) the limit, pre-composed raw messages through the same pool: ${limitRate.toFixed(0)} msg/s; CPU (cores): ${JSON.stringify(cpuC)}`);
  }

  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  await pg.query(`
    INSERT INTO customer (external_id, email, name, locale, timezone, tags, updated_at)
    SELECT 'bench-' || i, 'bench-' || i || '@customers.test', 'Customer ' || i, 'en', 'UTC', ARRAY['bench'], now() FROM generate_series(0, $1 - 1) i`, [N]);
  await pg.query(`
    INSERT INTO customer (external_id, email, name, locale, timezone, tags, updated_at)
    SELECT 'probe-' || i, 'probe-' || i || '@customers.test', 'Probe ' || i, 'en', 'UTC', ARRAY['probe'], now() FROM generate_series(0, $1 - 1) i`, [PROBE]);

  const env = {
    ...process.env,
    DATABASE_URL: dbUrl,
    REDIS_URL,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    PUBLIC_URL: 'http://localhost:3999',
    MAIL_FROM: 'Acme <security@acme.test>',
    TOCSIN_ADMIN_KEY: KEY,
    NOTICE_TOKEN_SECRET: 'bench-notice-token-secret-0123456789abcdef',
    QUEUE_PREFIX: `bench-${run}`,
    PORT: '3999',
    BODY_LIMIT: '100mb',
    SMTP_POOL_SIZE: String(POOL),
    WORKER_CONCURRENCY: String(JOBS),
    SEND_CONCURRENCY: String(Math.ceil(LANES / Math.min(JOBS, 4))),
    EMAIL_CONCURRENCY: String(LANES),
    SEND_BATCH_SIZE: String(BATCH),
    LOG_LEVEL: 'warn',
  };
  const dist = process.env.BENCH_DIST ?? path.join(root, 'dist');
  const prof = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(__dirname, 'results', 'prof')}`] : [];
  const api = spawn(process.execPath, [...NODE_FLAGS, ...prof, path.join(dist, 'main.js')], { env, stdio: 'inherit' });
  const workers = Array.from({ length: WORKERS }, () => spawn(process.execPath, [...NODE_FLAGS, ...prof, path.join(dist, 'worker.js')], { env, stdio: 'inherit' }));
  children.push(api, ...workers);
  const workerRss = () => workers.map((w) => rssMb(w.pid));
  const redis = new Redis(REDIS_URL);
  // the whole server's used_memory: what was there before this run (other queues) is printed alongside
  const redisBeforeMb = mb(Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0));
  let peak = { api: 0, worker: 0, redis: 0 };
  const sampler = setInterval(async () => {
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
    peak = { api: Math.max(peak.api, rssMb(api.pid)), worker: Math.max(peak.worker, ...workerRss()), redis: Math.max(peak.redis, mb(used)) };
  }, 250);

  const base = 'http://127.0.0.1:3999/api/v1';
  const call = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(base + url, { method, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
  // up to a minute: a loaded machine boots the API slowly
  for (let i = 0; i < 300; i++) {
    try {
      await fetch('http://127.0.0.1:3999/health');
      break;
    } catch {
      await sleep(200);
    }
  }
  await call('PUT', '/templates/bench-notice/email/en', TEMPLATE);
  await call('PUT', '/runbooks/bench', { name: 'bench', steps: [{ id: 'notify', audience: 'affected_customers', channel: 'email', template: 'bench-notice' }] });
  await call('POST', '/runbooks/bench/publish');

  const sentOf = async (incidentId: string) => {
    // from the reach counters (kept in the same transaction as the state changes): polling must not scan
    // a million rows four times a second and steal the CPU being measured
    const { rows } = await pg.query(`SELECT coalesce(sum(n) FILTER (WHERE state = 'sent'), 0) AS sent, coalesce(sum(n), 0) AS total FROM reach_counter WHERE incident_id = $1`, [incidentId]);
    return { sent: Number(rows[0].sent), total: Number(rows[0].total) };
  };
  const declare = (title: string, tag: string) =>
    call('POST', '/incidents', { runbook: 'bench', title, severity: 'high', awareAt: new Date(Date.now() - 60_000).toISOString(), facts: FACTS, affected: { filter: { field: 'tags', eq: tag } } });

  // a small incident first, workers idle: how soon its first message reaches the sink (the < 1 s budget)
  sink.mark();
  const probeStarted = Date.now();
  const probe = await declare('Probe', 'probe');
  while ((await sentOf(probe.id as string)).sent < PROBE) await sleep(50);
  const probeFirstMs = ((await sink.count()).firstAt ?? NaN) - probeStarted;
  console.log(`  small incident (${PROBE} customers): declare → first message at the sink in ${probeFirstMs} ms`);

  const sinkBefore = (await sink.count()).count;
  // the workers' CPU as one figure (worker), and each one's (worker1, worker2, …) when there are several
  const processes: Record<string, number | undefined> = { bench: process.pid, sink: sink.proc.pid, api: api.pid };
  workers.forEach((w, i) => (processes[WORKERS > 1 ? `worker${i + 1}` : 'worker'] = w.pid));
  const cpuB0 = cpuSnapshot(processes);
  const pgStats = async () => (await admin.query(`SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched, blks_hit + blks_read AS blocks FROM pg_stat_database WHERE datname = $1`, [db])).rows[0] as Record<string, string>;
  const pg0 = await pgStats();
  const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);
  const redis0 = await redisCommands();
  sink.mark();
  const started = Date.now();
  const declared = await declare('Bench', 'bench');
  const incidentId = declared.id as string;
  // declare inserts the whole affected population in one transaction (60 s limit): worth watching at 1,000,000
  const declareSeconds = (Date.now() - started) / 1000;
  console.log(`  declared in ${declareSeconds.toFixed(1)} s`);
  let lastLog = 0;
  // the reach report as a dashboard asks for it while the fan-out runs (budget 50 ms): one request every 2 s
  const reachDuring: number[] = [];
  let lastReach = 0;
  for (;;) {
    if (Date.now() - lastReach > 2000) {
      lastReach = Date.now();
      await call('GET', `/incidents/${incidentId}/reach`);
      reachDuring.push(Date.now() - lastReach);
    }
    const { sent, total } = await sentOf(incidentId);
    if (Date.now() - lastLog > 5000) {
      // RSS now (not the peak) on every line, to see whether memory stays flat through a long run
      console.log(
        `  … ${sent.toLocaleString('en')} / ${N.toLocaleString('en')} sent, ${total.toLocaleString('en')} materialised; ` +
          `RSS api ${rssMb(api.pid)} MB, worker ${workerRss().join(' + ')} MB`,
      );
      lastLog = Date.now();
    }
    if (sent >= N) break;
    await sleep(250);
  }
  const seconds = (Date.now() - started) / 1000;
  const tocsinRate = N / seconds;
  const cpuB = cpuDelta(cpuB0, cpuSnapshot(processes), seconds);
  // what each message cost PostgreSQL, from this database's own counters (other databases on the server do not
  // count here, unlike the server-wide CPU figure); the statistics collector may lag by up to a second
  await sleep(1500);
  const pg1 = await pgStats();
  const redisPerMessage = Number(((await redisCommands()) - redis0) / N).toFixed(3);
  const pgPerMessage = Object.fromEntries(Object.keys(pg1).map((k) => [k, Number(((Number(pg1[k]) - Number(pg0[k])) / N).toFixed(3))]));
  if (WORKERS > 1) cpuB.worker = Number(workers.reduce((a, _w, i) => a + cpuB[`worker${i + 1}`], 0).toFixed(2));
  const { rows: check } = await pg.query(`SELECT count(*) FILTER (WHERE state = 'sent') AS sent FROM notification WHERE incident_id = $1`, [incidentId]);
  if (Number(check[0].sent) !== N) throw new Error(`counters say all sent, rows say ${check[0].sent}`);
  const { rows: m } = await pg.query(`SELECT extract(epoch FROM max(created_at) - min(created_at)) AS s FROM notification WHERE incident_id = $1`, [incidentId]);
  const t0 = Date.now();
  await call('GET', `/incidents/${incidentId}/reach`);
  const reachMs = Date.now() - t0;
  clearInterval(sampler);
  const sinkEnd = await sink.count();
  const delivered = sinkEnd.count - sinkBefore;

  const result = {
    recipients: N,
    baselineMsgPerSec: Math.round(baselineRate),
    tocsinMsgPerSec: Math.round(tocsinRate),
    ratio: Number((tocsinRate / baselineRate).toFixed(3)),
    limitMsgPerSec: Math.round(limitRate),
    ratioToLimit: Number((tocsinRate / limitRate).toFixed(3)),
    baselineRatioToLimit: Number((baselineRate / limitRate).toFixed(3)),
    mailComposer: process.env.MAIL_COMPOSER ?? 'skeleton',
    // the machine's 1, 5 and 15 min load averages at the start and the end of the run (2 cores here)
    loadAverage: { start: loadAtStart, end: loadavg().map((l) => Number(l.toFixed(2))) },
    materialiseSeconds: Number(Number(m[0].s).toFixed(2)),
    // worker: the largest of the worker processes
    peakRssMb: { api: peak.api, worker: peak.worker },
    redisPeakMb: peak.redis,
    redisBeforeMb,
    reachQueryMs: reachMs,
    // GET /incidents/{id}/reach every 2 s during the fan-out, in ms
    reachQueryMsDuringFanout: percentiles(reachDuring),
    sinkReceived: delivered,
    declareSeconds: Number(declareSeconds.toFixed(2)),
    // declare request sent → first message accepted by the sink: a small incident, then this one
    declareToFirstMessageMs: { small: probeFirstMs, full: (sinkEnd.firstAt ?? NaN) - started },
    nodeFlags: NODE_FLAGS.join(' '),
    // the fan-out's settings as the worker ran with them (from the environment, else Tocsin's defaults)
    fanout: { pageSize: configSchema.shape.FANOUT_PAGE_SIZE.parse(process.env.FANOUT_PAGE_SIZE), concurrency: configSchema.shape.FANOUT_CONCURRENCY.parse(process.env.FANOUT_CONCURRENCY) },
    // CPU per message of the process that renders and sends: the figure least disturbed by a busy machine
    cpuMsPerMessage: {
      baseline: Number(((baselineCpu * 1000) / N).toFixed(3)),
      worker: Number(((cpuB.worker * 1000) / tocsinRate).toFixed(3)),
      limit: Number(((limitCpu * 1000) / N).toFixed(3)),
    },
    cpuCores: { baseline: cpuA, limit: cpuC, tocsin: cpuB },
    // transactions, rows and buffer blocks per message in the bench's database during (b)
    postgresPerMessage: pgPerMessage,
    // Redis commands per message during (b): the whole server's count, other sessions' traffic included (an upper bound)
    redisCommandsPerMessage: Number(redisPerMessage),
    // with --profile: the pids in the profile file names (CPU.<date>.<time>.<pid>.<n>.cpuprofile)
    profilePids: values.profile ? { api: api.pid, workers: workers.map((w) => w.pid) } : undefined,
    workers: WORKERS,
    at: new Date().toISOString(),
  };
  console.log(`(b) Tocsin end to end (declare → all sent): ${tocsinRate.toFixed(0)} msg/s in ${seconds.toFixed(1)} s; CPU (cores): ${JSON.stringify(cpuB)}`);
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', values['tocsin-only'] ? 'tocsin-only.json' : 'latest.json'), JSON.stringify(result, null, 2) + '\n');

  api.kill('SIGTERM');
  for (const w of workers) w.kill('SIGTERM');
  sink.proc.kill();
  await sleep(1500);
  await pg.end();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.end();
  // this run's queue keys (BullMQ keeps finished jobs up to its limits): left behind, they would count in
  // the next run's Redis figure
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{bench-${run}}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

function percentiles(xs: number[]): { samples: number; p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN);
  return { samples: s.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

main().catch((e) => {
  console.error(e);
  for (const p of children) p.kill('SIGKILL');
  process.exit(1);
});

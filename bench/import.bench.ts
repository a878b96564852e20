// Customer import figure: streams an N-row CSV through the real upload path into Postgres, then runs the
// worker's import use case in this process, and prints rows/s per phase and the peak RSS.
//   npm run bench:import -- [rows=1000000]   (compiled first, so the RSS is the import's, not ts-node's)
//   npx ts-node bench/import.bench.ts [rows]
// Uses a fresh database (created and dropped here) on the PostgreSQL at BENCH_DATABASE_ADMIN_URL.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Client } from 'pg';
import { AuditModule } from '../src/audit/audit.module';
import { CommonModule } from '../src/common/common.module';
import { ConfigModule } from '../src/config/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { ImportCustomersUseCase } from '../src/imports/import-customers/import-customers.usecase';
import { ImportRepository } from '../src/imports/import.repository';
import { importOptionsSchema } from '../src/imports/import-options';
import { ImportsService } from '../src/imports/imports.service';
import { ImportQueue } from '../src/queue/import-queue.service';

const N = Number(process.argv[2] ?? 1_000_000);
/** BENCH_IMPORT_ENCODING=windows-1252|utf-16le: the file in that encoding (named in the options), decoded in the worker's stream */
const ENCODING = process.env.BENCH_IMPORT_ENCODING;
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The upload without Redis: the bench runs the use case itself. */
class NoQueue {
  async enqueue(): Promise<void> {}
}

@Module({
  imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule], // the upload is audited
  providers: [ImportsService, ImportRepository, ImportCustomersUseCase, { provide: ImportQueue, useClass: NoQueue }],
})
class BenchModule {}

/** A mix of countries: phone validation cost differs a lot between them (+44 is the slowest). */
const PHONES = [
  (j: number) => `+33 6 ${String(j % 100_000_000).padStart(8, '1')}`,
  (j: number) => `+4420718${String(j % 100000).padStart(5, '0')}`,
  (j: number) => `+1 212 555 ${String(j % 10000).padStart(4, '0')}`,
  (j: number) => `+49 30 ${String(j % 10_000_000).padStart(8, '1')}`,
];

/** with an encoding, a character outside ASCII in every row, so the decoder does real work */
const NAME = ENCODING ? 'Customer Numéro' : 'Customer Number';
const encode = (s: string) => (ENCODING ? iconv.encode(s, ENCODING) : Buffer.from(s));

async function* csv(n: number): AsyncGenerator<Buffer> {
  yield encode('externalId,email,name,phone,locale,tier,region\n');
  const size = 5000;
  for (let i = 0; i < n; i += size) {
    let s = '';
    for (let j = i; j < Math.min(n, i + size); j++) {
      s += `cust-${j},user${j}@example${j % 97}.com,${NAME} ${j},${PHONES[j % 4](j)},en-GB,${j % 3 ? 'basic' : 'gold'},r${j % 12}\n`;
    }
    yield encode(s);
  }
}

/** CPU seconds used so far by every PostgreSQL process (the server's share of the import; other work on the machine shows up too). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  const db = `tocsin_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: 'smtp://127.0.0.1:1025',
    PUBLIC_URL: 'http://bench.local',
    MAIL_FROM: 'bench@bench.local',
    NOTICE_TOKEN_SECRET: 'bench-notice-token-secret-0123456789abcdef',
    LOG_LEVEL: 'log',
  });
  // the repository root: bench/ under ts-node, .bench-dist/bench/ when compiled (npm run bench:import)
  let root = path.resolve(__dirname, '..');
  while (!existsSync(path.join(root, 'package.json'))) root = path.dirname(root);
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], { cwd: root, env: process.env, stdio: 'ignore' });

  let peak = 0;
  let atPeak = process.memoryUsage();
  let ticks = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) [peak, atPeak] = [m.rss, m];
    // every 5 s: is memory flat or growing?
    if (++ticks % 50 === 0) console.log(`  RSS ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} MB`);
  }, 100);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn', 'log'] });
  try {
    const baseline = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const pg0 = postgresCpuSeconds();
    const t0 = Date.now();
    const imp = await app.get(ImportsService).upload(csv(N), 'text/csv', importOptionsSchema.parse({ encoding: ENCODING }), { id: null as unknown as string, name: 'bench', role: 'admin' });
    const t1 = Date.now();
    const result = await app.get(ImportCustomersUseCase).execute(imp.id);
    const t2 = Date.now();
    const cpu = process.cpuUsage(cpu0);
    const pgCpu = postgresCpuSeconds() - pg0;
    const report = await app.get(ImportsService).get(imp.id);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(JSON.stringify(result));
    console.log(`rows: ${N}  status: ${report.status}  imported: ${report.rowsImported}  rejected: ${report.rowsRejected}`);
    console.log(`upload (stream into Postgres, ${mb(report.bytes)}): ${t1 - t0} ms`);
    console.log(`worker (parse, check, stage, apply): ${t2 - t1} ms = ${Math.round(N / ((t2 - t1) / 1000))} rows/s`);
    console.log(`end to end: ${t2 - t0} ms = ${Math.round(N / ((t2 - t0) / 1000))} rows/s`);
    // CPU time is what a busy machine disturbs least: compare runs by these when wall-clock times are noisy
    console.log(`CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s`);
    console.log(`peak RSS: ${mb(peak)} (sampled every 100 ms; OS max RSS ${mb(process.resourceUsage().maxRSS * 1024)}); ` +
      `RSS before the import ${mb(baseline)} (Node, Nest, Prisma and, under ts-node, the compiler), so the import added ${mb(peak - baseline)}; ` +
      `at the peak: JS heap ${mb(atPeak.heapUsed)} used of ${mb(atPeak.heapTotal)}, buffers ${mb(atPeak.arrayBuffers)}, other external ${mb(atPeak.external - atPeak.arrayBuffers)}`);
  } finally {
    clearInterval(sampler);
    await app.close();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

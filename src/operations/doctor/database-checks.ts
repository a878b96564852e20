import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DoctorFinding, fail, ok, redact, warn, withTimeout } from './doctor-check';

/** Committed migrations, beside the code in the source tree, the build and the container image alike. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../../prisma/migrations');
/** Beyond this, leases, schedules and deadlines computed here disagree with the database's timestamps. */
export const CLOCK_SKEW_FAIL_MS = 2000;
export const CLOCK_SKEW_WARN_MS = 500;
const TIMEOUT_MS = 5000;

/**
 * Reachability, migrations and clock skew, on one connection of its own (plain `pg`, not Prisma: the doctor
 * must say what is wrong even when the application could not start, e.g. before the first migration).
 */
export async function checkDatabase(databaseUrl: string, opts: { migrationsDir?: string; now?: () => number } = {}): Promise<DoctorFinding[]> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), TIMEOUT_MS, 'connect');
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === '3D000') {
      const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
      return [fail('database', `PostgreSQL answers at ${redact(databaseUrl)} but has no database "${name}": create it (createdb ${name}), then run \`npm run db:migrate\``)];
    }
    return [fail('database', `cannot connect to PostgreSQL at ${redact(databaseUrl)}: ${err.message}. Is it running, and is DATABASE_URL right?`)];
  }
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const findings = [ok('database', `PostgreSQL ${rows[0].server_version} reachable at ${redact(databaseUrl)}`)];
    findings.push(await checkMigrations(client, opts.migrationsDir ?? MIGRATIONS_DIR));
    findings.push(await checkClockSkew(client, opts.now ?? Date.now));
    return findings;
  } catch (e) {
    return [fail('database', `PostgreSQL at ${redact(databaseUrl)} answered the connection but not a query: ${(e as Error).message}`)];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The migration directories committed with this code against the rows `prisma migrate deploy` wrote. */
export async function checkMigrations(client: Client, dir: string): Promise<DoctorFinding> {
  let onDisk: string[];
  try {
    onDisk = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (e) {
    return warn('migrations', `cannot read the migrations shipped with this code (${dir}): ${(e as Error).message}`);
  }
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
  if (!exists.rows[0].t) {
    return fail('migrations', `no migration has been applied to this database (${onDisk.length} to apply): run \`npm run db:migrate\` (prisma migrate deploy)`);
  }
  const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations',
  );
  const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  const broken = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  const pending = onDisk.filter((m) => !applied.has(m));
  const unknown = [...applied].filter((m) => !onDisk.includes(m)).sort();
  if (broken.length) {
    return fail('migrations', `migration ${broken.join(', ')} started and did not finish: fix the cause, then \`npx prisma migrate resolve --rolled-back <name>\` and migrate again (see docs/upgrading.md)`);
  }
  if (pending.length) {
    return fail('migrations', `${pending.length} migration(s) of this version not applied (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}): run \`npm run db:migrate\` before starting this version`);
  }
  if (unknown.length) {
    return warn('migrations', `the database has ${unknown.length} migration(s) this code does not know (${unknown.slice(0, 3).join(', ')}): it was migrated by a newer version`);
  }
  return ok('migrations', `all ${onDisk.length} migrations applied`);
}

/** This machine's clock against PostgreSQL's now(), half the round trip taken off. */
export async function checkClockSkew(client: Client, now: () => number): Promise<DoctorFinding> {
  const t0 = now();
  const { rows } = await client.query<{ ms: string }>(`SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint::text AS ms`);
  const t1 = now();
  const skew = Number(rows[0].ms) - (t0 + t1) / 2;
  const words = `this machine's clock is ${Math.abs(Math.round(skew))} ms ${skew > 0 ? 'behind' : 'ahead of'} PostgreSQL's`;
  if (Math.abs(skew) > CLOCK_SKEW_FAIL_MS) {
    return fail('clock', `${words}: deadlines, schedules and sending leases would disagree between processes; run NTP (chrony, systemd-timesyncd) on both machines`);
  }
  if (Math.abs(skew) > CLOCK_SKEW_WARN_MS) return warn('clock', `${words}; keep NTP running`);
  return ok('clock', `${words} (round trip ${t1 - t0} ms)`);
}

import { configSchema } from '../../config/config.schema';
import { TOCSIN_VERSION } from '../../common/version';
import { checkDatabase } from './database-checks';
import { DoctorFinding, fail, ok, warn } from './doctor-check';
import { checkRedis, checkSmtp } from './service-checks';

export const DOCTOR_USAGE = `  node dist/cli.js doctor
      checks the configuration, PostgreSQL (reachable, migrations applied, clock skew), Redis (reachable,
      eviction policy) and SMTP; says what is wrong in words; exit code 0 when nothing is, 1 otherwise`;

const LABEL = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

/**
 * `tocsin doctor`: every check an operator would make by hand before (or after) starting Tocsin, each in
 * words. A configuration with errors is reported and the services it names are still checked, so one run
 * shows everything that is wrong. Returns the exit code: 1 when anything failed.
 */
export async function runDoctor(env: NodeJS.ProcessEnv, out: (s: string) => void): Promise<number> {
  out(`Tocsin ${TOCSIN_VERSION} doctor`);
  const findings: DoctorFinding[] = [];
  const print = (fs: DoctorFinding[]) => {
    for (const f of fs) out(`  ${LABEL[f.status]}  ${f.check.padEnd(10)} ${f.message}`);
    findings.push(...fs);
  };

  const parsed = configSchema.safeParse(env);
  const bad = new Set<string>();
  if (parsed.success) {
    print([ok('config', `valid (NODE_ENV=${parsed.data.NODE_ENV})`), ...configWarnings(parsed.data)]);
  } else {
    for (const i of parsed.error.issues) bad.add(String(i.path[0]));
    print(parsed.error.issues.map((i) => fail('config', `${i.path.join('.')}: ${i.message} (see .env.example)`)));
  }
  const usable = (name: string) => (env[name] && !bad.has(name) ? env[name] : null);

  const db = usable('DATABASE_URL');
  print(db ? await checkDatabase(db) : [fail('database', 'not checked: DATABASE_URL is missing or invalid')]);
  const redis = usable('REDIS_URL');
  const allowEviction = parsed.success ? parsed.data.REDIS_ALLOW_EVICTION : /^(true|1|yes|on)$/i.test(env.REDIS_ALLOW_EVICTION ?? '');
  print(redis ? await checkRedis(redis, allowEviction) : [fail('redis', 'not checked: REDIS_URL is missing or invalid')]);
  const smtp = usable('SMTP_URL');
  const fallbacks = (usable('SMTP_FALLBACK_URLS') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  print(smtp ? await checkSmtp(smtp, fallbacks) : [fail('smtp', 'not checked: SMTP_URL is missing or invalid')]);

  const failed = findings.filter((f) => f.status === 'fail').length;
  const warned = findings.filter((f) => f.status === 'warn').length;
  out(failed ? `${failed} problem(s) to fix${warned ? `, ${warned} warning(s)` : ''}.` : `Nothing wrong found${warned ? ` (${warned} warning(s))` : ''}.`);
  return failed ? 1 : 0;
}

/** Settings that are valid but probably not what a production operator meant. */
function configWarnings(c: ReturnType<typeof configSchema.parse>): DoctorFinding[] {
  const w: DoctorFinding[] = [];
  if (c.NODE_ENV !== 'production') return w;
  if (new URL(c.PUBLIC_URL).protocol !== 'https:') w.push(warn('config', `PUBLIC_URL is ${c.PUBLIC_URL}: customers' notice links should be https`));
  if (!c.EVENTS_SIGNING_SECRET) w.push(warn('config', 'EVENTS_SIGNING_SECRET is not set: delivery, bounce and complaint events are refused (503)'));
  if (!c.METRICS_TOKEN) w.push(warn('config', 'METRICS_TOKEN is not set: /metrics answers loopback clients only, a scraper on another host is refused'));
  return w;
}

// The whole runtime configuration as one validated, typed object, parsed once at boot.
import { z } from 'zod';
import { parseAllowList } from '../channels/webhook/ssrf-guard';

const url = (protocols: string[]) =>
  z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);

const int = (def: number, min = 1, max = 1_000_000) => z.coerce.number().int().min(min).max(max).default(def);
const rate = z.coerce.number().min(0).max(1_000_000).default(0);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: int(3000, 1, 65535),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  REDIS_URL: url(['redis:', 'rediss:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  PUBLIC_URL: url(['http:', 'https:']),
  MAIL_FROM: z
    .string({ error: 'is required' })
    .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+\.?[^\s@<>]*>?$/, 'must be an address such as "Acme Security <security@acme.example>"'),
  /** Reply-To of every notice unless its runbook step names one (e.g. the hotline's mailbox); none by default. */
  MAIL_REPLY_TO: z.email({ message: 'must be an email address' }).max(254).optional(),
  /**
   * DKIM signing in Tocsin, for teams that send straight to recipients' MX (when a relay signs, leave these
   * unset): the signing domain, the selector, and the private key (PEM; `\n` may stand for line breaks).
   */
  DKIM_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as acme.example').optional(),
  DKIM_SELECTOR: z.string().regex(/^[a-z0-9._-]{1,63}$/i, 'a selector such as tocsin2026').optional(),
  DKIM_PRIVATE_KEY: z
    .string()
    .transform((v) => v.replace(/\\n/g, '\n'))
    .refine((v) => /-----BEGIN (RSA )?PRIVATE KEY-----/.test(v), 'a PEM private key (-----BEGIN PRIVATE KEY-----…)')
    .optional(),
  TOCSIN_ADMIN_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** BullMQ key prefix; wrapped in a hash tag so each queue stays on one Redis Cluster slot. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('tocsin'),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'e.g. 5mb').default('5mb'),
  /** Recipients per send job. */
  SEND_BATCH_SIZE: int(100, 1, 5000),
  /** Messages in flight at once per worker process (bounded memory, pooled SMTP). */
  SEND_CONCURRENCY: int(20, 1, 1000),
  /** Concurrent send jobs per worker process. */
  WORKER_CONCURRENCY: int(2, 1, 64),
  SMTP_POOL_SIZE: int(5, 1, 100),
  /**
   * How notices are composed: `skeleton` (default: one MIME skeleton per step, only the personal parts
   * encoded per message, sent raw through the pool) or `nodemailer` (Nodemailer composes every message).
   */
  MAIL_COMPOSER: z.enum(['skeleton', 'nodemailer']).default('skeleton'),
  /** further SMTP servers, comma-separated, used in order when the one before cannot be reached */
  SMTP_FALLBACK_URLS: z
    .string()
    .default('')
    .refine((v) => v.split(',').filter(Boolean).every((u) => /^smtps?:\/\/\S+$/.test(u.trim())), 'a comma-separated list of smtp:// or smtps:// URLs'),
  /** SMS: `log` (development: nothing leaves the machine) or `http` (the common REST shape: account, token, from-number) */
  SMS_PROVIDER: z.enum(['log', 'http']).default('log'),
  SMS_API_URL: z.string().url().optional(),
  SMS_ACCOUNT: z.string().max(200).optional(),
  SMS_TOKEN: z.string().max(500).optional(),
  SMS_FROM: z.string().regex(/^\+[1-9]\d{6,14}$|^[A-Za-z0-9 ]{1,11}$/, 'an E.164 number or an alphanumeric sender id (11 characters at most)').optional(),
  /** Webhooks: per-request timeout (connect to last byte of the answer). */
  WEBHOOK_TIMEOUT_MS: int(15_000, 100, 120_000),
  /**
   * Webhook targets allowed although private/loopback (comma-separated ranges, addresses or host names,
   * e.g. `10.0.0.0/8,hooks.internal`); everything else must be a public address.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default('')
    .refine((v) => {
      try {
        parseAllowList(v);
        return true;
      } catch {
        return false;
      }
    }, 'a comma-separated list of address ranges (10.0.0.0/8), addresses or host names'),
  /** Hours a webhook endpoint's previous secret still signs (a second signature) after a rotation. */
  WEBHOOK_SECRET_OVERLAP_HOURS: int(24, 0, 24 * 30),
  /**
   * How long a notice that meets temporary failures (4xx, a busy recipient server) keeps being retried, from
   * its first attempt: a queue lifetime, as an MTA has, not a count of attempts. Time while the relay itself
   * is unreachable (the circuit is open) costs no attempt. Seconds; 24 h by default.
   */
  SEND_RETRY_WINDOW_SECONDS: int(24 * 3600, 1, 30 * 24 * 3600),
  FANOUT_PAGE_SIZE: int(5000, 100, 100_000),
  /**
   * Pages a fan-out materialises at once (each its notifications, notice pages and jobs): while the first
   * messages go out, PostgreSQL's cores are shared with the sending, and one page at a time leaves the fan-out
   * a single backend's share. The cursor still advances in order, so a crash resumes where the done pages end.
   */
  FANOUT_CONCURRENCY: int(2, 1, 8),
  /**
   * An incident declared with a filter: the declare's transaction inserts the first 2 × FANOUT_PAGE_SIZE
   * customers, so the fan-out starts at once, and the rest of the population follows in pages of this many
   * (each its own statement and transaction) before the declare answers. Large pages are read the cheap way
   * (PostgreSQL scans the customers once and sorts them; a page of 50,000 walks the primary key and reads the
   * rows at random): at a million customers while sending, one page took 5.7 s and pages of 50,000 24.5 s.
   */
  POPULATION_PAGE_SIZE: int(1_000_000, 100, 10_000_000),
  RECONCILE_INTERVAL_MS: int(5000, 100, 600_000),
  /**
   * The sending lease: a worker renews it on the rows it holds every quarter of this while it works, so a row
   * whose lease lapsed belongs to a worker that died, and goes back to the queue. Short, so recovery is quick.
   */
  SENDING_LEASE_MS: int(20_000, 1000, 86_400_000),
  /** Messages per second on each channel across every worker process (a token bucket in Redis); 0: no limit. */
  EMAIL_RATE_LIMIT: rate,
  SMS_RATE_LIMIT: rate,
  WEBHOOK_RATE_LIMIT: rate,
  /** Messages in flight at once on each channel per worker process, whatever the jobs; 0: only SEND_CONCURRENCY per job. */
  EMAIL_CONCURRENCY: int(0, 0, 1000),
  SMS_CONCURRENCY: int(0, 0, 1000),
  WEBHOOK_CONCURRENCY: int(0, 0, 1000),
  /** Largest import upload accepted, in bytes (the upload is streamed into Postgres, never held in memory). */
  IMPORT_MAX_BYTES: int(2 * 1024 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
  /** Rows per staging statement while an import is parsed. */
  IMPORT_BATCH_SIZE: int(5000, 100, 50_000),
  /** Region for phone numbers written without an international prefix (ISO 3166 alpha-2, e.g. FR); none by default. */
  DEFAULT_PHONE_REGION: z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code such as FR or US').optional(),
  /** Hours a customer stays on marketing hold after the last incident touching them closes. */
  HOLD_COOLDOWN_HOURS: int(72, 0, 24 * 365),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** Development only (`npm run dev` sets it): the API runs a mail catcher on this port, listed in the console's Outbox. */
  DEV_MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Shared secret for POST /api/v1/events/{channel} (HMAC-SHA256 of the body); unset: events are refused with 503. */
  EVENTS_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** When set, GET /metrics (API and worker) needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Port on which a worker process serves its own GET /metrics; unset: the worker serves none. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Console single sign-on (OpenID Connect): the IdP's issuer URL; unset: local passwords only. */
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /** Scopes asked for; the groups must reach Tocsin in the ID token or from userinfo. */
  OIDC_SCOPES: z.string().default('openid email profile'),
  /** The claim holding a person's groups. */
  OIDC_GROUPS_CLAIM: z.string().min(1).max(100).default('groups'),
  /** `group=role` pairs, comma-separated: which IdP group gives which console role (the strongest wins; none: no access). */
  OIDC_ROLE_MAP: z.string().default(''),
  /** Domains a test message may go to (comma-separated, e.g. acme.example,qa.acme.example); a console user may always send to their own address. */
  TEST_SEND_DOMAINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))
    .refine((list) => list.every((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)), 'a comma-separated list of domains such as acme.example'),
  /** Requests per 10 seconds per API key (any route); 429 with Retry-After beyond. */
  THROTTLE_PER_KEY: int(300, 1, 1_000_000),
  /** Requests per 10 seconds per client address (any route but health, metrics and signed provider events). */
  THROTTLE_PER_ADDRESS: int(600, 1, 1_000_000),
  /** Per 10 seconds per key (or address) on routes machines call per message (the hold of one customer), instead of the two above. */
  THROTTLE_HIGH_VOLUME_PER_KEY: int(5000, 1, 10_000_000),
  /** Per minute per key (or address): imports, exports of personal data and test-sends. */
  THROTTLE_SENSITIVE_PER_MINUTE: int(10, 1, 100_000),
  /** Failed API-key authentications per minute per address before that address is refused for THROTTLE_AUTH_BLOCK_SECONDS. */
  THROTTLE_AUTH_FAILURES: int(20, 1, 100_000),
  THROTTLE_AUTH_BLOCK_SECONDS: int(300, 1, 86_400),
  /** Questions a customer may ask from one notice page per hour (#21 item 4); beyond, a page says to wait. */
  THROTTLE_NOTICE_QUESTIONS_PER_TOKEN: int(5, 1, 10_000),
  /** Questions from one client address per hour, over every notice page (a shared office counts once). */
  THROTTLE_NOTICE_QUESTIONS_PER_ADDRESS: int(30, 1, 100_000),
  /** Address the worker's metrics server binds: loopback by default (set 0.0.0.0 for a scraper on another host, with METRICS_TOKEN). */
  METRICS_HOST: z.string().min(1).max(255).default('127.0.0.1'),
  /** Start the worker even when Redis may evict keys (maxmemory-policy other than noeviction), with a warning. */
  REDIS_ALLOW_EVICTION: z.stringbool().default(false),
  /** Key for the personal notice links (GET /n/{token}): tokens are an HMAC of incident and customer. Required in production. */
  NOTICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Key that encrypts remedy-offer codes at rest (AES-256-GCM) and keys their uniqueness hash (docs/offers.md); default: derived from NOTICE_TOKEN_SECRET. */
  OFFER_CODE_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Days a notice link keeps working after it was created. */
  NOTICE_TOKEN_TTL_DAYS: int(180, 1, 3650),
  /** The company name at the top of the customer's notice page; default: the display name of MAIL_FROM, else its domain. */
  ORG_NAME: z.string().trim().min(1).max(120).optional(),
  /** Local hours (the customer's time zone) in which SMS of non-urgent steps (`urgent: false`) wait: HH:MM-HH:MM, or off. */
  QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'HH:MM-HH:MM in 24-hour time (e.g. 21:00-08:00), or off')
    .default('21:00-08:00'),
  /** Time zone for quiet hours when a customer's own is not a valid IANA zone. */
  QUIET_HOURS_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        return !!new Intl.DateTimeFormat('en', { timeZone: tz });
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Paris')
    .default('UTC'),
}).refine((c) => !c.OIDC_ISSUER_URL || (c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET && c.OIDC_ROLE_MAP), {
  path: ['OIDC_ISSUER_URL'],
  message: 'single sign-on also needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_ROLE_MAP',
}).refine((c) => [c.DKIM_DOMAIN, c.DKIM_SELECTOR, c.DKIM_PRIVATE_KEY].every((v) => v === undefined) || [c.DKIM_DOMAIN, c.DKIM_SELECTOR, c.DKIM_PRIVATE_KEY].every((v) => v !== undefined), {
  path: ['DKIM_DOMAIN'],
  message: 'DKIM signing needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together',
}).refine((c) => c.NODE_ENV !== 'production' || c.NOTICE_TOKEN_SECRET !== undefined, {
  path: ['NOTICE_TOKEN_SECRET'],
  message: 'is required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)',
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws one error naming every missing or bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
}

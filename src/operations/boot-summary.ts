import { AppConfig } from '../config/config.schema';
import { TOCSIN_VERSION } from '../common/version';

/** The optional features and whether this configuration turns them on, in the order an operator checks them. */
export function optionalFeatures(c: AppConfig): { name: string; on: boolean; detail?: string }[] {
  const fallbacks = c.SMTP_FALLBACK_URLS.split(',').filter((u) => u.trim()).length;
  return [
    { name: 'sms', on: c.SMS_PROVIDER === 'http', detail: c.SMS_PROVIDER === 'http' ? 'http provider' : 'log only' },
    { name: 'smtp-fallback', on: fallbacks > 0, detail: fallbacks ? `${fallbacks} server(s)` : undefined },
    { name: 'sso', on: !!c.OIDC_ISSUER_URL, detail: c.OIDC_ISSUER_URL ? new URL(c.OIDC_ISSUER_URL).host : undefined },
    { name: 'provider-events', on: !!c.EVENTS_SIGNING_SECRET },
    { name: 'metrics-token', on: !!c.METRICS_TOKEN },
    { name: 'admin-key-from-env', on: !!c.TOCSIN_ADMIN_KEY },
    { name: 'rate-limits', on: c.EMAIL_RATE_LIMIT + c.SMS_RATE_LIMIT + c.WEBHOOK_RATE_LIMIT > 0 },
    { name: 'quiet-hours', on: c.QUIET_HOURS !== 'off', detail: c.QUIET_HOURS !== 'off' ? `${c.QUIET_HOURS} ${c.QUIET_HOURS_TIMEZONE}` : undefined },
    { name: 'test-send-domains', on: c.TEST_SEND_DOMAINS.length > 0 },
  ];
}

/**
 * The one line the API logs at boot: what runs (version, environment), where (its URLs), and what is turned
 * on — so a log read after an incident says what the process was, without its environment.
 */
export function bootSummary(c: AppConfig, listenUrl: string): string {
  const features = optionalFeatures(c);
  const on = features.filter((f) => f.on).map((f) => (f.detail ? `${f.name} (${f.detail})` : f.name));
  const off = features.filter((f) => !f.on).map((f) => f.name);
  return (
    `Tocsin ${TOCSIN_VERSION} API (${c.NODE_ENV}) listening on ${listenUrl}, public URL ${c.PUBLIC_URL} (OpenAPI at /docs, health at /health); ` +
    `on: ${on.join(', ') || 'none'}; off: ${off.join(', ') || 'none'}`
  );
}

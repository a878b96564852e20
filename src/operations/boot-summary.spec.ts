import { loadConfig } from '../config/config.schema';
import { TOCSIN_VERSION } from '../common/version';
import { bootSummary } from './boot-summary';

const base = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tocsin',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  PUBLIC_URL: 'https://tocsin.acme.example',
  MAIL_FROM: 'Acme <security@acme.example>',
};

describe(bootSummary.name, () => {
  it('says the version, the URLs and which optional features are on and off, in one line', () => {
    const line = bootSummary(loadConfig({ ...base, SMS_PROVIDER: 'http', SMTP_FALLBACK_URLS: 'smtp://b:25', EVENTS_SIGNING_SECRET: 'x'.repeat(16) }), 'http://0.0.0.0:3000');
    expect(TOCSIN_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(line).not.toContain('\n');
    expect(line).toContain(`Tocsin ${TOCSIN_VERSION} API (development) listening on http://0.0.0.0:3000, public URL https://tocsin.acme.example`);
    expect(line).toMatch(/on: sms \(http provider\), smtp-fallback \(1 server\(s\)\), provider-events, quiet-hours \(21:00-08:00 UTC\); off: sso, metrics-token, admin-key-from-env, rate-limits, test-send-domains$/);
  });

  it('says none are on when none are', () => {
    expect(bootSummary(loadConfig({ ...base, QUIET_HOURS: 'off' }), 'http://0.0.0.0:3000')).toContain('on: none; off: sms, ');
  });
});

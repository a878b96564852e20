import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { checkRedisEviction, RedisEvictionError } from '../../queue/redis-eviction.check';
import { DoctorFinding, fail, ok, redact, warn } from './doctor-check';

const SMTP_TIMEOUT_MS = 5000;

/** Reachable, and a maxmemory-policy that cannot drop queue keys (the check the worker makes at start). */
export async function checkRedis(redisUrl: string, allowEviction: boolean): Promise<DoctorFinding[]> {
  try {
    const r = await checkRedisEviction(redisUrl, allowEviction);
    if (r.status === 'ok') return [ok('redis', `reachable at ${redact(redisUrl)}, maxmemory-policy noeviction`)];
    if (r.status === 'allowed') return [warn('redis', r.message!)];
    // unchecked: unreachable, or CONFIG refused (a managed Redis)
    if (/unreachable/.test(r.message ?? '')) return [fail('redis', `cannot connect to Redis at ${redact(redisUrl)}: ${r.message}`)];
    return [warn('redis', r.message!)];
  } catch (e) {
    if (e instanceof RedisEvictionError) return [fail('redis', e.message)];
    throw e;
  }
}

/** Each SMTP server answers its greeting and EHLO (and AUTH, when the URL has credentials); nothing is sent. */
export async function checkSmtp(primary: string, fallbacks: string[]): Promise<DoctorFinding[]> {
  const results = await Promise.all(
    [primary, ...fallbacks].map(async (url) => {
      const probe = nodemailer.createTransport({ url, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS } as SMTPPool.Options);
      try {
        await probe.verify();
        return { url, error: null };
      } catch (e) {
        return { url, error: (e as Error).message };
      } finally {
        probe.close();
      }
    }),
  );
  const [first, ...rest] = results;
  const reachable = results.filter((r) => !r.error).length;
  const findings: DoctorFinding[] = [];
  if (!first.error) findings.push(ok('smtp', `SMTP server ${redact(first.url)} answers`));
  else {
    const what = `cannot use the SMTP server ${redact(first.url)}: ${first.error}`;
    // with a fallback that answers, mail still leaves (later); with none, nothing does
    findings.push(reachable ? warn('smtp', `${what}; a fallback answers, so mail goes through it`) : fail('smtp', `${what}. No email can be sent: check SMTP_URL and the relay`));
  }
  for (const r of rest) findings.push(r.error ? warn('smtp', `fallback ${redact(r.url)} does not answer: ${r.error}`) : ok('smtp', `fallback ${redact(r.url)} answers`));
  return findings;
}

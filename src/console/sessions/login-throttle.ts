/**
 * Back-off after failed logins, per account and per client address: after `threshold` failures within an
 * hour the key is locked, for 30 s doubling with every further failure up to 15 minutes. Unknown emails
 * are throttled exactly like real ones, so the lock says nothing about whether an account exists.
 */
export interface ThrottlePolicy {
  threshold: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { threshold: 5 };
export const ADDRESS_POLICY: ThrottlePolicy = { threshold: 20 };
/** failures older than this are forgotten */
export const FAILURE_WINDOW_MS = 60 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

/** How long to lock a key that has now failed `failures` times (0: not locked). */
export function lockFor(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 10);
  return Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
}

export const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

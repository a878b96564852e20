/** One finding of `tocsin doctor`: `fail` makes the command exit non-zero, `warn` is said but passes. */
export interface DoctorFinding {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  /** what was found, in words; for a problem, what to do */
  message: string;
}

export const ok = (check: string, message: string): DoctorFinding => ({ check, status: 'ok', message });
export const warn = (check: string, message: string): DoctorFinding => ({ check, status: 'warn', message });
export const fail = (check: string, message: string): DoctorFinding => ({ check, status: 'fail', message });

export const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);

/** A URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

import { ACCOUNT_POLICY, ADDRESS_POLICY, lockFor } from './login-throttle';

describe(lockFor.name, () => {
  it('does not lock before the threshold', () => {
    expect(lockFor(4, ACCOUNT_POLICY)).toBe(0);
    expect(lockFor(19, ADDRESS_POLICY)).toBe(0);
  });

  it('locks for 30 s at the threshold and doubles with each further failure', () => {
    expect(lockFor(5, ACCOUNT_POLICY)).toBe(30_000);
    expect(lockFor(6, ACCOUNT_POLICY)).toBe(60_000);
    expect(lockFor(7, ACCOUNT_POLICY)).toBe(120_000);
  });

  it('never locks longer than 15 minutes', () => {
    expect(lockFor(50, ACCOUNT_POLICY)).toBe(15 * 60_000);
    expect(lockFor(5000, ADDRESS_POLICY)).toBe(15 * 60_000);
  });
});

import { addCalendarDays, addCalendarDaysAt, addCalendarMonths } from './calendar';

const plusMonths = (iso: string, n = 1) => addCalendarMonths(new Date(iso), n).toISOString();

describe('calendar months (Regulation 1182/71 art. 3(2)(c))', () => {
  it('ends on the same date of the next month when that month has it', () => {
    expect(plusMonths('2026-02-28T10:00:00.000Z')).toBe('2026-03-28T10:00:00.000Z');
    expect(plusMonths('2026-12-15T23:30:00.000Z')).toBe('2027-01-15T23:30:00.000Z'); // across the year
    expect(plusMonths('2026-12-31T08:00:00.000Z')).toBe('2027-01-31T08:00:00.000Z');
  });

  it('ends on the last day of a shorter month and never rolls into the month after', () => {
    expect(plusMonths('2026-01-31T10:00:00.000Z')).toBe('2026-02-28T10:00:00.000Z'); // not 3 March
    expect(plusMonths('2026-01-30T10:00:00.000Z')).toBe('2026-02-28T10:00:00.000Z');
    expect(plusMonths('2026-01-29T10:00:00.000Z')).toBe('2026-02-28T10:00:00.000Z');
    expect(plusMonths('2026-03-31T10:00:00.000Z')).toBe('2026-04-30T10:00:00.000Z');
    expect(plusMonths('2026-08-31T10:00:00.000Z')).toBe('2026-09-30T10:00:00.000Z');
  });

  it('knows leap years: 29 February in 2028 and 2000, not in 2026 or 2100', () => {
    expect(plusMonths('2028-01-31T10:00:00.000Z')).toBe('2028-02-29T10:00:00.000Z');
    expect(plusMonths('2028-01-29T10:00:00.000Z')).toBe('2028-02-29T10:00:00.000Z');
    expect(plusMonths('2000-01-31T00:00:00.000Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(plusMonths('2100-01-31T00:00:00.000Z')).toBe('2100-02-28T00:00:00.000Z');
    expect(plusMonths('2028-02-29T12:00:00.000Z', 12)).toBe('2029-02-28T12:00:00.000Z');
  });

  it('adds calendar days to a date', () => {
    expect(addCalendarDays('2026-12-31', 60)).toBe('2027-03-01');
    expect(addCalendarDays('2027-12-31', 60)).toBe('2028-02-29');
  });

  it('counts months on the wall clock of a time zone: the dates are the local ones, the local time is kept', () => {
    const paris = (iso: string, n = 1) => addCalendarMonths(new Date(iso), n, 'Europe/Paris').toISOString();
    expect(paris('2027-01-30T23:30:00Z')).toBe('2027-02-27T23:30:00.000Z'); // 31 Jan 00:30 CET → 28 Feb 00:30 CET (UTC reading: 1 March 00:30)
    expect(paris('2027-04-30T08:00:00Z')).toBe('2027-05-30T08:00:00.000Z'); // 30 Apr → 30 May
    expect(paris('2027-12-31T09:00:00Z')).toBe('2028-01-31T09:00:00.000Z'); // 31 Dec → 31 Jan
    expect(paris('2028-01-30T23:30:00Z')).toBe('2028-02-28T23:30:00.000Z'); // 31 Jan 2028 00:30 → 29 Feb 2028 00:30
    expect(paris('2027-03-10T22:30:00Z')).toBe('2027-04-10T21:30:00.000Z'); // 23:30 CET → 23:30 CEST, same day
    expect(paris('2027-10-10T21:30:00Z')).toBe('2027-11-10T22:30:00.000Z'); // 23:30 CEST → 23:30 CET
    // 02:30 on 28 Feb 2027 + 1 month = 28 March 02:30, a time that does not exist in Paris: the earlier reading (01:30 CET)
    expect(paris('2027-02-28T01:30:00Z')).toBe('2027-03-28T00:30:00.000Z');
  });

  it('counts days on the wall clock of a time zone (the day of the start is day 0)', () => {
    const ny = (iso: string, n: number) => addCalendarDaysAt(new Date(iso), n, 'America/New_York').toISOString();
    expect(ny('2027-02-02T04:30:00Z', 60)).toBe('2027-04-03T03:30:00.000Z'); // 1 Feb 23:30 EST → 2 Apr 23:30 EDT
    expect(ny('2027-09-16T03:30:00Z', 60)).toBe('2027-11-15T04:30:00.000Z'); // 15 Sep 23:30 EDT → 14 Nov 23:30 EST
    expect(ny('2027-12-31T12:00:00Z', 60)).toBe('2028-02-29T12:00:00.000Z'); // leap day
    expect(ny('2027-12-31T04:59:59.999Z', 1)).toBe('2028-01-01T04:59:59.999Z'); // 23:59:59.999 kept to the millisecond
  });
});

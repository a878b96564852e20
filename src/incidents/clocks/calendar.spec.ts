import { addCalendarDays, addCalendarMonths } from './calendar';

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
});

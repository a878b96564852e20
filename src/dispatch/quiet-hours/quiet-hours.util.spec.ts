import { parseQuietHours, quietUntil } from './quiet-hours.util';

const night = parseQuietHours('21:00-08:00')!;

describe(quietUntil.name, () => {
  it('is quiet at 3 am in the customer zone and ends at 8 am there', () => {
    // 02:00 UTC is 03:00 in Paris in winter (UTC+1): quiet until 08:00 Paris = 07:00 UTC
    expect(quietUntil(new Date('2026-01-15T02:00:00Z'), 'Europe/Paris', night)?.toISOString()).toBe('2026-01-15T07:00:00.000Z');
  });

  it('defers an evening message to the next morning', () => {
    // 21:30 in New York (UTC-5 in January) = 02:30 UTC next day; ends 08:00 New York = 13:00 UTC
    expect(quietUntil(new Date('2026-01-16T02:30:00Z'), 'America/New_York', night)?.toISOString()).toBe('2026-01-16T13:00:00.000Z');
  });

  it('is not quiet in the daytime, nor at the very end of the window', () => {
    expect(quietUntil(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris', night)).toBeNull();
    expect(quietUntil(new Date('2026-01-15T07:00:00Z'), 'Europe/Paris', night)).toBeNull();
    expect(quietUntil(new Date('2026-01-15T20:00:00Z'), 'Europe/Paris', night)?.toISOString()).toBe('2026-01-16T07:00:00.000Z');
  });

  it('finds the end of the window across a daylight-saving change', () => {
    // night of 28-29 March 2026: Paris moves from UTC+1 to UTC+2; 08:00 on the 29th is 06:00 UTC
    expect(quietUntil(new Date('2026-03-28T23:30:00Z'), 'Europe/Paris', night)?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('handles a window that does not run over midnight, and half-hour zones', () => {
    const lunch = parseQuietHours('12:00-13:30')!;
    // 12:15 in Kolkata (UTC+5:30) = 06:45 UTC; ends 13:30 Kolkata = 08:00 UTC
    expect(quietUntil(new Date('2026-05-01T06:45:00Z'), 'Asia/Kolkata', lunch)?.toISOString()).toBe('2026-05-01T08:00:00.000Z');
    expect(quietUntil(new Date('2026-05-01T08:00:00Z'), 'Asia/Kolkata', lunch)).toBeNull();
  });
});

describe(parseQuietHours.name, () => {
  it('reads HH:MM-HH:MM and turns "off" or an empty window into no quiet hours', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual({ start: 1260, end: 480, label: '21:00-08:00' });
    expect(parseQuietHours('off')).toBeNull();
    expect(parseQuietHours('08:00-08:00')).toBeNull();
    expect(parseQuietHours('25:00-08:00')).toBeNull();
  });
});

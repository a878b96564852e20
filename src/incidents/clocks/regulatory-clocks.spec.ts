import { addUsBusinessDays, usBusinessTimeBefore, usFederalHolidays, zonedTime } from './business-days';
import { ClockIncident, computeClocks } from './regulatory-clocks';

const base: ClockIncident = { type: 'data_breach', jurisdictions: ['FR'], awareAt: new Date('2026-11-20T09:00:00Z'), materialityAt: null, affectedCount: 10 };
const at = (iso: string) => new Date(iso);
const ids = (i: ClockIncident) => computeClocks(i, [], at('2026-11-20T10:00:00Z')).map((c) => c.id);

describe('regulatory clocks', () => {
  it('applies clocks by jurisdiction and type when no organisation profile is set', () => {
    expect(ids(base)).toEqual(['gdpr-art33', 'gdpr-art34']);
    expect(ids({ ...base, type: 'nis2_significant_incident', jurisdictions: ['DE'] })).toEqual(['nis2-early-warning', 'nis2-notification', 'nis2-final-report']);
    expect(ids({ ...base, jurisdictions: ['US-NY'] })).toEqual(['nydfs-500.17']);
    expect(ids({ ...base, type: 'phi_breach', jurisdictions: ['US-CA'], affectedCount: 499 })).toEqual(['hipaa-individuals', 'hipaa-hhs-log']);
    expect(ids({ ...base, type: 'phi_breach', jurisdictions: ['US-CA'], affectedCount: 500 })).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(ids({ ...base, type: 'material_cybersecurity_incident', jurisdictions: ['US'] })).toEqual(['sec-8k-1.05']);
    expect(ids({ ...base, jurisdictions: ['NO'] })).toEqual(['gdpr-art33', 'gdpr-art34']); // EEA
    expect(ids({ ...base, jurisdictions: ['GB'] })).toEqual([]);
  });

  it('runs GDPR art. 33 for 72 hours from awareness, then reports met or missed by the meeting step', () => {
    const [c] = computeClocks(base, [{ stepKey: 'dpa', meets: ['gdpr-art33'], completedAt: null }], at('2026-11-21T09:00:00Z'));
    expect(c).toMatchObject({ dueAt: '2026-11-23T09:00:00.000Z', status: 'running', hoursLeft: 48, metBy: 'dpa' });
    const met = computeClocks(base, [{ stepKey: 'dpa', meets: ['gdpr-art33'], completedAt: at('2026-11-22T09:00:00Z') }], at('2026-11-24T00:00:00Z'));
    expect(met[0]).toMatchObject({ status: 'met', metAt: '2026-11-22T09:00:00.000Z' });
    const late = computeClocks(base, [], at('2026-11-23T09:00:01Z'));
    expect(late[0]).toMatchObject({ status: 'missed', note: expect.stringContaining('no step of the runbook meets this deadline') });
    expect(late[1]).toMatchObject({ id: 'gdpr-art34', status: 'flag', dueAt: null, elapsedHours: 72 });
  });

  it('does not count a step that completed without reaching any recipient as meeting its clock', () => {
    const failed = [{ stepKey: 'dpa', meets: ['gdpr-art33'], completedAt: at('2026-11-22T09:00:00Z'), reachedNobody: true }];
    const [running] = computeClocks(base, failed, at('2026-11-22T10:00:00Z'));
    expect(running).toMatchObject({ status: 'running', metAt: null, note: expect.stringContaining('dpa completed without reaching any recipient') });
    const [missed] = computeClocks(base, failed, at('2026-11-23T09:00:01Z'));
    expect(missed).toMatchObject({ status: 'missed' });
  });

  it('keeps the NIS2 final report waiting until the incident notification is submitted, then gives it one calendar month', () => {
    const i = { ...base, type: 'nis2_significant_incident', jurisdictions: ['DE'], awareAt: at('2027-01-29T08:00:00Z') };
    const before = computeClocks(i, [], at('2027-01-30T00:00:00Z')).find((c) => c.id === 'nis2-final-report');
    expect(before).toMatchObject({ status: 'waiting', dueAt: null, note: expect.stringContaining('waits for the incident notification') });
    // notified on 31 January 2027 at 12:00 UTC: one month ends on 28 February 2027 (2027 is not a leap year), not on 3 March
    const sent = [{ stepKey: 'n', meets: ['nis2-notification'], audience: 'regulator', completedAt: null, recipients: [{ recipient: 'csirt@bsi.test', channel: 'email', state: 'sent', reachedAt: at('2027-01-31T12:00:00Z'), response: '<m1@tocsin>' }] }];
    const clocks = computeClocks(i, sent, at('2027-02-01T00:00:00Z'));
    expect(clocks.find((c) => c.id === 'nis2-early-warning')).toMatchObject({ dueAt: '2027-01-30T08:00:00.000Z', status: 'missed' });
    expect(clocks.find((c) => c.id === 'nis2-notification')).toMatchObject({ dueAt: '2027-02-01T08:00:00.000Z', status: 'met', metAt: '2027-01-31T12:00:00.000Z' });
    expect(clocks.find((c) => c.id === 'nis2-final-report')).toMatchObject({ dueAt: '2027-02-28T12:00:00.000Z', status: 'running' });
    // a notification submitted on 31 January 2028 (leap year) → 29 February 2028
    const leap = computeClocks({ ...i, awareAt: at('2028-01-29T08:00:00Z') }, [], at('2028-02-01T00:00:00Z'), [{ id: 's', clockId: 'nis2-notification', submittedAt: at('2028-01-31T09:15:00Z'), submittedBy: 'ann', reference: 'BSI-1' }]);
    expect(leap.find((c) => c.id === 'nis2-final-report')?.dueAt).toBe('2028-02-29T09:15:00.000Z');
  });

  it('counts 60 calendar days for HIPAA across a leap day', () => {
    const [c] = computeClocks({ ...base, type: 'phi_breach', jurisdictions: ['US-TX'], awareAt: at('2028-02-10T15:00:00Z') }, [], at('2028-02-11T00:00:00Z'));
    // 10 Feb 09:00 CST + 60 days = 10 Apr 09:00 CDT (the same wall time on day 60, 1,439 hours later)
    expect(c.dueAt).toBe('2028-04-10T14:00:00.000Z');
  });

  it('waits for the materiality determination, then gives SEC four business days to 17:30 Eastern', () => {
    const i = { ...base, type: 'material_cybersecurity_incident', jurisdictions: ['US'] };
    expect(computeClocks(i, [], at('2026-11-20T10:00:00Z'))[0]).toMatchObject({ status: 'waiting', dueAt: null });
    // determined late on Friday 20 Nov 2026 (Eastern): Mon, Tue, Wed, [Thu 26 Thanksgiving], Fri 27 → due Fri 27 Nov 17:30 EST
    const friday = computeClocks({ ...i, materialityAt: at('2026-11-20T23:30:00Z') }, [], at('2026-11-21T00:00:00Z'));
    expect(friday[0].dueAt).toBe('2026-11-27T22:30:00.000Z');
  });

  it('counts the SEC business days by hand around holidays (Form 8-K General Instruction B.1)', () => {
    const i = { ...base, type: 'material_cybersecurity_incident', jurisdictions: ['US'] };
    const due = (materialityAt: string) => computeClocks({ ...i, materialityAt: at(materialityAt) }, [], at('2027-01-01T00:00:00Z'))[0].dueAt;
    // Fri 15 Jan 2027, the Friday before Martin Luther King Day (Mon 18): Tue 19, Wed 20, Thu 21, Fri 22
    expect(due('2027-01-15T17:00:00Z')).toBe('2027-01-22T22:30:00.000Z');
    // at 22:00 EST that Friday (already Saturday in UTC): still Friday's count
    expect(due('2027-01-16T03:00:00Z')).toBe('2027-01-22T22:30:00.000Z');
    // on the holiday itself, or on the Saturday: the count starts on and includes Tue 19
    expect(due('2027-01-18T17:00:00Z')).toBe('2027-01-22T22:30:00.000Z');
    expect(due('2027-01-16T15:00:00Z')).toBe('2027-01-22T22:30:00.000Z');
    // Juneteenth 2027 is a Saturday, observed Fri 18 June: Wed 16 → Thu 17, Mon 21, Tue 22, Wed 23 (EDT)
    expect(due('2027-06-16T16:00:00Z')).toBe('2027-06-23T21:30:00.000Z');
    // Christmas 2027 is a Saturday, observed Fri 24 Dec: Tue 21 → Wed 22, Thu 23, Mon 27, Tue 28
    expect(due('2027-12-21T17:00:00Z')).toBe('2027-12-28T22:30:00.000Z');
    // 1 Jan 2028 is a Saturday, observed Fri 31 Dec 2027: Tue 28 → Wed 29, Thu 30, Mon 3, Tue 4 Jan
    expect(due('2027-12-28T17:00:00Z')).toBe('2028-01-04T22:30:00.000Z');
    // the day after Thanksgiving is a business day: Wed 24 Nov 2027 → Fri 26, Mon 29, Tue 30, Wed 1 Dec
    expect(due('2027-11-24T17:00:00Z')).toBe('2027-12-01T22:30:00.000Z');
  });

  it('counts GDPR 72 hours as elapsed hours across DST and a leap day, to the millisecond', () => {
    const i = { ...base, type: 'data_breach', jurisdictions: ['FR'] };
    const due = (awareAt: string) => computeClocks({ ...i, awareAt: at(awareAt) }, [], at('2026-01-01T00:00:00Z'))[0].dueAt;
    expect(due('2027-03-26T09:00:00Z')).toBe('2027-03-29T09:00:00.000Z'); // Fri 10:00 CET → Mon 11:00 CEST
    expect(due('2027-10-29T08:00:00Z')).toBe('2027-11-01T08:00:00.000Z'); // Fri 10:00 CEST → Mon 09:00 CET
    expect(due('2027-03-12T15:00:00Z')).toBe('2027-03-15T15:00:00.000Z'); // New York: 10:00 EST → 11:00 EDT
    expect(due('2028-02-27T12:00:00Z')).toBe('2028-03-01T12:00:00.000Z'); // over 29 Feb 2028
    expect(due('2027-03-26T22:59:59.999Z')).toBe('2027-03-29T22:59:59.999Z'); // 23:59:59.999 CET
    expect(due('2027-03-26T23:00:00Z')).toBe('2027-03-29T23:00:00.000Z'); // midnight CET
  });
});

describe('business days', () => {
  it('knows US federal holidays with the observed rule', () => {
    expect([...usFederalHolidays(2026)]).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']),
    );
    expect(usFederalHolidays(2021).has('2021-12-31')).toBe(true); // 1 Jan 2022 is a Saturday
  });

  it('skips weekends and holidays', () => {
    expect(addUsBusinessDays('2026-12-24', 4)).toBe('2026-12-31'); // Thu → skips Fri 25 (Christmas) and the weekend
    expect(addUsBusinessDays('2026-07-02', 1)).toBe('2026-07-06'); // Fri 3 July is Independence Day observed
  });

  it('turns a wall-clock time into UTC across DST changes', () => {
    expect(zonedTime('2026-03-06', 17, 30, 'America/New_York').toISOString()).toBe('2026-03-06T22:30:00.000Z'); // EST
    expect(zonedTime('2026-03-09', 17, 30, 'America/New_York').toISOString()).toBe('2026-03-09T21:30:00.000Z'); // EDT after 8 March
  });
});

describe('business-day step timing', () => {
  it('counts whole days before a business-day deadline as business days, and never lands on a weekend or holiday', () => {
    // materiality Tue 24 Nov 2026 10:00 EST: Wed 25, [Thu 26 Thanksgiving], Fri 27, Mon 30, Tue 1 Dec → due Tue 1 Dec 17:30 EST
    const due = at('2026-12-01T22:30:00Z');
    expect(usBusinessTimeBefore(due, 2880).toISOString()).toBe('2026-11-27T22:30:00.000Z'); // Fri 27 17:30, not Sun 29
    expect(usBusinessTimeBefore(due, 1440 + 600).toISOString()).toBe('2026-11-30T12:30:00.000Z'); // Mon 30 07:30 EST
    // 20 h before Mon 30 Nov 17:30 is Sun 29 21:30 → Fri 27 21:30 EST (Thu 26 is Thanksgiving, not reached)
    expect(usBusinessTimeBefore(at('2026-11-30T22:30:00Z'), 1200).toISOString()).toBe('2026-11-28T02:30:00.000Z');
    expect(addUsBusinessDays('2026-12-28', -2)).toBe('2026-12-23'); // back over Christmas Fri 25 and the weekend
  });
});

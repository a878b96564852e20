import { ClockIncident, computeClocks, hipaaAnnualLogDue, OrganisationProfile, RecipientEvidence } from './regulatory-clocks';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-21T00:00:00Z');
const phi: ClockIncident = { type: 'phi_breach', jurisdictions: ['US-CA'], awareAt: at('2026-11-20T15:00:00Z'), materialityAt: null, affectedCount: 10 };
const ids = (i: ClockIncident) => computeClocks(i, [], now).map((c) => c.id);
const clock = (i: ClockIncident, id: string, steps = [] as Parameters<typeof computeClocks>[1]) => computeClocks(i, steps, now).find((c) => c.id === id);
const profile = (p: Partial<OrganisationProfile>): OrganisationProfile => ({ establishedIn: [], secRegistrant: false, nis2Entity: false, hipaa: 'none', nydfsCoveredEntity: false, ...p });

describe('HIPAA thresholds (45 CFR 164.406, 164.408)', () => {
  it('notifies HHS within 60 days from 500 individuals in total, and logs fewer for the end of the year', () => {
    expect(ids({ ...phi, affectedCount: 499 })).toEqual(['hipaa-individuals', 'hipaa-hhs-log']);
    expect(ids({ ...phi, affectedCount: 500 })).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(clock({ ...phi, affectedCount: 500 }, 'hipaa-hhs')?.dueAt).toBe('2027-01-19T15:00:00.000Z'); // 20 Nov + 60 days
  });

  it('reports the log within 60 days after the end of the calendar year of discovery (Eastern), 29 February in a leap year', () => {
    // discovered in 2026: 31 Dec 2026 + 60 days = 1 Mar 2027, due at its end (00:00 EST on 2 March = 05:00 UTC)
    expect(clock({ ...phi, jurisdictions: ['US-NY'], affectedCount: 499 }, 'hipaa-hhs-log')?.dueAt).toBe('2027-03-02T05:00:00.000Z');
    // discovered in 2027: 31 Dec 2027 + 60 days = 29 Feb 2028
    expect(hipaaAnnualLogDue(at('2027-06-01T12:00:00Z')).toISOString()).toBe('2028-03-01T05:00:00.000Z');
    // 23:00 EST on 31 Dec 2026 is already 2027 in UTC, but the year of discovery is 2026
    expect(hipaaAnnualLogDue(at('2027-01-01T04:00:00Z')).toISOString()).toBe('2027-03-02T05:00:00.000Z');
  });

  it('notifies the media only for more than 500 residents of one State, not on the total', () => {
    expect(ids({ ...phi, affectedCount: 1000, byState: { CA: 500, NY: 500 } })).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    expect(ids({ ...phi, affectedCount: 1000, byState: { CA: 400, NY: 400, TX: 200 } })).toEqual(['hipaa-individuals', 'hipaa-hhs']);
    const media = clock({ ...phi, affectedCount: 700, byState: { CA: 501, NV: 199 } }, 'hipaa-media');
    expect(media).toMatchObject({ dueAt: '2027-01-19T15:00:00.000Z', note: expect.stringContaining('more than 500 residents of CA (501)') });
  });

  it('gives a business associate the 164.410 clock towards the covered entity instead', () => {
    const ba = { ...phi, affectedCount: 900, byState: { CA: 900 }, profile: profile({ hipaa: 'business_associate' }) };
    expect(ids(ba)).toEqual(['hipaa-business-associate']);
    expect(ids({ ...ba, profile: profile({ hipaa: 'covered_entity' }) })).toEqual(['hipaa-individuals', 'hipaa-hhs', 'hipaa-media']);
    expect(ids({ ...ba, profile: profile({ hipaa: 'none' }) })).toEqual([]);
  });
});

describe("days and months on the authority's calendar, not in 24-hour UTC steps", () => {
  const paid = (iso: string) => at(iso);
  it('counts HIPAA 60 days on the wall clock: discovery at 23:30 EST on 1 Feb 2027 is due 2 April (EDT), not 00:30 on 3 April', () => {
    // 1 Feb + 27 = 28 Feb, + 31 = 31 Mar (58), 1 Apr (59), 2 Apr (60)
    const i = { ...phi, jurisdictions: ['US-NY'], awareAt: at('2027-02-02T04:30:00Z'), affectedCount: 600 };
    expect(clock(i, 'hipaa-individuals')?.dueAt).toBe('2027-04-03T03:30:00.000Z'); // 23:30 EDT on 2 April
    expect(clock(i, 'hipaa-hhs')?.dueAt).toBe('2027-04-03T03:30:00.000Z');
  });

  it("takes the year of discovery on the covered entity's calendar: 22:00 on 31 Dec 2027 in California is a 2027 breach", () => {
    const ca = { ...phi, jurisdictions: ['US-CA'], awareAt: at('2028-01-01T06:00:00Z') }; // 01:00 EST on 1 Jan 2028
    expect(clock(ca, 'hipaa-hhs-log')?.dueAt).toBe('2028-03-01T08:00:00.000Z'); // end of 29 Feb 2028, Pacific (not 2 March 2029)
    expect(clock({ ...ca, jurisdictions: ['US-NY'] }, 'hipaa-hhs-log')?.dueAt).toBe('2029-03-02T05:00:00.000Z'); // New York: a 2028 breach
    expect(clock({ ...ca, jurisdictions: ['US-NY', 'US-CA'] }, 'hipaa-hhs-log')?.dueAt).toBe('2028-03-01T08:00:00.000Z'); // two States: the earlier
    expect(clock({ ...ca, jurisdictions: ['US'] }, 'hipaa-hhs-log')?.dueAt).toBe('2029-03-02T05:00:00.000Z'); // no State: Eastern
  });

  it("counts NYDFS 30 days on New York's calendar across the March change", () => {
    const ny: ClockIncident = { type: 'cybersecurity_event', jurisdictions: ['US-NY'], awareAt: at('2027-02-20T09:00:00Z'), materialityAt: null, affectedCount: 0, extortionPaidAt: paid('2027-02-21T04:30:00Z') };
    // paid 23:30 EST on 20 Feb 2027 + 30 days = 22 March at 23:30 EDT (not 00:30 on 23 March)
    expect(clock(ny, 'nydfs-500.17b-explanation')?.dueAt).toBe('2027-03-23T03:30:00.000Z');
  });

  it("counts the NIS2 final report month on the member state's calendar", () => {
    const nis: ClockIncident = { type: 'nis2_significant_incident', jurisdictions: ['FR'], awareAt: at('2027-01-28T10:00:00Z'), materialityAt: null, affectedCount: 0 };
    const final = (i: ClockIncident, sent: string) =>
      computeClocks(i, [], now, [{ id: 's', clockId: 'nis2-notification', submittedAt: at(sent), submittedBy: 'ann', reference: 'ANSSI-1' }]).find((c) => c.id === 'nis2-final-report')?.dueAt;
    // 00:30 in Paris on 31 Jan (30 Jan 23:30 UTC) → 28 Feb 00:30 Paris, never 1 March
    expect(final(nis, '2027-01-30T23:30:00Z')).toBe('2027-02-27T23:30:00.000Z');
    // 23:30 CET on 10 March → 23:30 CEST on 10 April, not 00:30 on 11 April
    expect(final(nis, '2027-03-10T22:30:00Z')).toBe('2027-04-10T21:30:00.000Z');
    // 00:30 CEST on 31 March → 30 April, not 1 May
    expect(final(nis, '2027-03-30T22:30:00Z')).toBe('2027-04-29T22:30:00.000Z');
    // Finland: 01:30 EEST on 31 March → 30 April 01:30 EEST
    expect(final({ ...nis, jurisdictions: ['FI'] }, '2027-03-30T22:30:00Z')).toBe('2027-04-29T22:30:00.000Z');
    // 30 Jan 23:30 UTC is 30 January in Lisbon (→ 28 Feb 23:30) and 31 January in Paris (→ 28 Feb 00:30 Paris)
    expect(final({ ...nis, jurisdictions: ['PT'] }, '2027-01-30T23:30:00Z')).toBe('2027-02-28T23:30:00.000Z');
    expect(final({ ...nis, jurisdictions: ['PT', 'FR'] }, '2027-01-30T23:30:00Z')).toBe('2027-02-27T23:30:00.000Z'); // both: the earlier
  });
});

describe('NYDFS 23 NYCRR 500.17', () => {
  const ny: ClockIncident = { type: 'cybersecurity_event', jurisdictions: ['US-NY'], awareAt: at('2026-11-20T09:00:00Z'), materialityAt: null, affectedCount: 0 };
  it('runs 72 hours from the determination, not from awareness, and waits until it is set', () => {
    expect(clock(ny, 'nydfs-500.17')).toMatchObject({ status: 'waiting', dueAt: null, note: expect.stringContaining('determination') });
    expect(clock({ ...ny, determinedAt: at('2026-11-22T15:00:00Z') }, 'nydfs-500.17')?.dueAt).toBe('2026-11-25T15:00:00.000Z'); // not 23 Nov 09:00
  });

  it('adds 24 hours and 30 days after an extortion payment (500.17(b))', () => {
    expect(ids(ny)).toEqual(['nydfs-500.17']);
    const paid = computeClocks({ ...ny, extortionPaidAt: at('2026-11-23T10:00:00Z') }, [], now);
    expect(paid.map((c) => [c.id, c.dueAt])).toEqual([
      ['nydfs-500.17', null],
      ['nydfs-500.17b-notice', '2026-11-24T10:00:00.000Z'],
      ['nydfs-500.17b-explanation', '2026-12-23T10:00:00.000Z'],
    ]);
  });
});

describe('organisation profile', () => {
  const material: ClockIncident = { type: 'material_cybersecurity_incident', jurisdictions: ['DE'], awareAt: at('2026-11-20T09:00:00Z'), materialityAt: at('2026-11-20T12:00:00Z'), affectedCount: 0 };
  it('gives an SEC registrant the 8-K clock for a material incident abroad, and nobody else', () => {
    expect(ids(material)).toEqual([]); // no profile: only US jurisdictions
    expect(ids({ ...material, profile: profile({ secRegistrant: true, establishedIn: ['DE'] }) })).toEqual(['sec-8k-1.05']);
    expect(ids({ ...material, jurisdictions: ['US'], profile: profile({ secRegistrant: false, establishedIn: ['US'] }) })).toEqual([]);
  });

  it('applies GDPR from the place of establishment and NIS2 only to NIS2 entities', () => {
    const breach: ClockIncident = { ...material, type: 'data_breach', jurisdictions: ['US-CA'], materialityAt: null };
    expect(ids({ ...breach, profile: profile({ establishedIn: ['FR'] }) })).toEqual(['gdpr-art33', 'gdpr-art34']);
    const nis2 = { ...breach, type: 'nis2_significant_incident', jurisdictions: ['DE'] };
    expect(ids({ ...nis2, profile: profile({ nis2Entity: false }) })).toEqual([]);
    expect(ids({ ...nis2, profile: profile({ nis2Entity: true }) })).toEqual(['nis2-early-warning', 'nis2-notification', 'nis2-final-report']);
    expect(ids({ ...breach, type: 'cybersecurity_event', jurisdictions: ['FR'], profile: profile({ nydfsCoveredEntity: true }) })).toEqual(['nydfs-500.17']);
  });
});

describe('a clock is met when the authority got it', () => {
  const gdpr: ClockIncident = { type: 'data_breach', jurisdictions: ['FR'], awareAt: at('2026-11-20T09:00:00Z'), materialityAt: null, affectedCount: 1 };
  const r = (recipient: string, state: string, reachedAt: string | null, response: string | null = null): RecipientEvidence => ({ recipient, channel: 'email', state, reachedAt: reachedAt ? at(reachedAt) : null, response });
  const dpa = (recipients: RecipientEvidence[]) => [{ stepKey: 'dpa', meets: ['gdpr-art33'], audience: 'regulator', completedAt: at('2026-11-20T12:00:00Z'), recipients }];

  it('needs every authority recipient reached; a bounce after acceptance or a failure leaves it unmet and names who failed', () => {
    const partial = clock(gdpr, 'gdpr-art33', dpa([r('a@cnil.test', 'sent', '2026-11-20T10:00:00Z'), r('b@cnil.test', 'bounced', null, '550 5.1.1 no such user')]));
    expect(partial).toMatchObject({ status: 'running', metAt: null, failedRecipients: [{ step: 'dpa', recipient: 'b@cnil.test', state: 'bounced', response: '550 5.1.1 no such user' }] });
    expect(partial?.note).toContain('not met: b@cnil.test bounced');
    const both = clock(gdpr, 'gdpr-art33', dpa([r('a@cnil.test', 'sent', '2026-11-20T10:00:00Z', '<1@t>'), r('b@cnil.test', 'delivered', '2026-11-20T10:05:00Z', '<2@t>')]));
    expect(both).toMatchObject({ status: 'met', metAt: '2026-11-20T10:05:00.000Z', evidence: { kind: 'delivery', step: 'dpa' } });
    const pending = clock(gdpr, 'gdpr-art33', dpa([r('a@cnil.test', 'sent', '2026-11-20T10:00:00Z'), r('b@cnil.test', 'queued', null)]));
    expect(pending).toMatchObject({ status: 'running', metAt: null });
  });

  it('never counts an internal reminder, and accepts a recorded submission', () => {
    const sec: ClockIncident = { ...gdpr, type: 'material_cybersecurity_incident', jurisdictions: ['US'], materialityAt: at('2026-11-20T12:00:00Z') };
    const legal = [{ stepKey: 'file-8k', meets: ['sec-8k-1.05'], audience: 'internal', completedAt: at('2026-11-20T13:00:00Z') }];
    expect(clock(sec, 'sec-8k-1.05', legal)).toMatchObject({ status: 'running', metAt: null, metBy: null, note: expect.stringContaining('file-8k is internal') });
    const filed = computeClocks(sec, legal, now, [{ id: 'x', clockId: 'sec-8k-1.05', submittedAt: at('2026-11-20T20:00:00Z'), submittedBy: 'Lee (legal)', reference: '0001234567-26-000042', fileName: '8k.pdf' }]);
    expect(filed[0]).toMatchObject({
      status: 'met',
      metAt: '2026-11-20T20:00:00.000Z',
      evidence: { kind: 'submission', submittedBy: 'Lee (legal)', reference: '0001234567-26-000042', fileName: '8k.pdf' },
    });
  });
});

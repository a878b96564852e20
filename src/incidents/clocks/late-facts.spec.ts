import { missingLateFacts } from './late-facts';

const i = { type: 'data_breach', jurisdictions: ['FR'], awareAt: new Date('2026-11-20T09:00:00Z'), materialityAt: null, affectedCount: 1 };

describe(missingLateFacts.name, () => {
  it('asks for the reasons for the delay only when the GDPR art. 33 notice goes out after 72 hours', () => {
    expect(missingLateFacts(['gdpr-art33'], i, new Date('2026-11-23T09:00:00Z'), {})).toEqual([]); // exactly 72 h: on time
    expect(missingLateFacts(['gdpr-art33'], i, new Date('2026-11-23T09:00:01Z'), {})).toEqual([
      { fact: 'reasonsForDelay', clock: 'gdpr-art33', dueAt: new Date('2026-11-23T09:00:00Z'), why: expect.stringContaining('art. 33(1)') },
    ]);
    expect(missingLateFacts(['gdpr-art33'], i, new Date('2026-11-24T00:00:00Z'), { reasonsForDelay: 'forensics first' })).toEqual([]);
    expect(missingLateFacts(['gdpr-art33'], { ...i, jurisdictions: ['US-CA'] }, new Date('2026-11-24T00:00:00Z'), {})).toEqual([]); // GDPR does not apply
    expect(missingLateFacts(['hipaa-individuals'], i, new Date('2027-01-01T00:00:00Z'), {})).toEqual([]);
  });
});

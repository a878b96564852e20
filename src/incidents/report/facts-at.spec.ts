import { factsAt } from './evidence-report.service';

describe(factsAt.name, () => {
  const edits = [
    { at: new Date('2026-11-20T12:00:00Z'), before: { hotline: 'v1' } },
    { at: new Date('2026-11-20T14:00:00Z'), before: { hotline: 'v2' } },
  ];
  it('gives the facts a notice was rendered with, from the edits in the audit trail', () => {
    expect(factsAt({ hotline: 'v3' }, edits, new Date('2026-11-20T11:00:00Z'))).toEqual({ hotline: 'v1' }); // before any edit
    expect(factsAt({ hotline: 'v3' }, edits, new Date('2026-11-20T13:00:00Z'))).toEqual({ hotline: 'v2' }); // between the edits
    expect(factsAt({ hotline: 'v3' }, edits, new Date('2026-11-20T15:00:00Z'))).toEqual({ hotline: 'v3' }); // after the last
    expect(factsAt({ hotline: 'v3' }, [...edits].reverse(), new Date('2026-11-20T11:00:00Z'))).toEqual({ hotline: 'v1' }); // order of the list does not matter
    expect(factsAt({ hotline: 'v3' }, edits, null)).toEqual({ hotline: 'v3' });
  });
});

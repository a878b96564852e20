import { figuresOf } from './scorecard-figures';

describe(figuresOf.name, () => {
  it('counts CSAT 4-5, the CES average and NPS from promoters and detractors (hand-computed)', () => {
    // 4 answers: (5,7,10) (4,6,9) (3,4,7) (1,2,0); reached 5, acknowledged 2
    const f = figuresOf(
      [
        { group: 'all', csat: 5, ces: 7, nps: 10, n: 1 },
        { group: 'all', csat: 4, ces: 6, nps: 9, n: 1 },
        { group: 'all', csat: 3, ces: 4, nps: 7, n: 1 },
        { group: 'all', csat: 1, ces: 2, nps: 0, n: 1 },
      ],
      { reached: 5, acknowledged: 2, claims: null },
    );
    expect(f.responseRate).toBe(80);
    expect(f.csat.satisfiedPercent).toBe(50);
    expect(f.ces.average).toBe(4.75);
    expect(f.nps).toMatchObject({ answers: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    expect(f.acknowledgementRate).toBe(40);
    expect(f.claims).toBeNull();
    expect(f.claimRate).toBeNull();
  });

  it('leaves skipped NPS answers out of the NPS only, and says null where there is nothing to divide', () => {
    const f = figuresOf([{ group: 'all', csat: 4, ces: 5, nps: null, n: 3 }], { reached: 0, acknowledged: 0, claims: 0 });
    expect(f.responses).toBe(3);
    expect(f.csat.satisfiedPercent).toBe(100);
    expect(f.nps).toMatchObject({ answers: 0, score: null });
    expect(f.responseRate).toBeNull();
    expect(f.claimRate).toBeNull();
    expect(figuresOf([], { reached: 3, acknowledged: 0, claims: 1 })).toMatchObject({ responses: 0, responseRate: 0, csat: { satisfiedPercent: null }, ces: { average: null }, claimRate: 33.3 });
  });
});

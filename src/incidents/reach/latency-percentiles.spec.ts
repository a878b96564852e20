import { latencySummary } from './latency-percentiles';

describe(latencySummary.name, () => {
  it('reads nearest-rank percentiles as the upper bound of the bucket holding them', () => {
    const buckets = Array.from({ length: 100 }, (_, i) => ({ bucketS: i + 1, n: 1 }));
    expect(latencySummary(buckets)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99 });
  });

  it('weighs buckets by their counts, in time order whatever the input order', () => {
    expect(latencySummary([{ bucketS: 600, n: 1 }, { bucketS: 5, n: 98 }, { bucketS: 30, n: 1 }])).toEqual({ count: 100, p50: 5, p90: 5, p99: 30 });
    expect(latencySummary([{ bucketS: 7, n: 1 }])).toEqual({ count: 1, p50: 7, p90: 7, p99: 7 });
  });

  it('has no percentiles when nothing was reached', () => {
    expect(latencySummary([])).toEqual({ count: 0, p50: null, p90: null, p99: null });
    expect(latencySummary([{ bucketS: 3, n: 0 }])).toEqual({ count: 0, p50: null, p90: null, p99: null });
  });
});

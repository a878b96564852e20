/** One histogram bucket: `n` items took at most `bucketS` seconds (and more than the bucket below). */
export interface LatencyBucket {
  bucketS: number;
  n: number;
}

export interface LatencySummary {
  /** how many items the percentiles are over */
  count: number;
  /** seconds from the declaration; the upper bound of the bucket holding the percentile (null when count is 0) */
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/**
 * Percentiles from a histogram, nearest-rank: the p-th percentile is the bucket holding item ⌈p × count⌉
 * in time order, reported as that bucket's upper bound ("99 % were reached within p99 seconds").
 */
export function latencySummary(buckets: readonly LatencyBucket[]): LatencySummary {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.bucketS - b.bucketS);
  const count = sorted.reduce((sum, b) => sum + b.n, 0);
  const at = (p: number): number | null => {
    if (!count) return null;
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (seen >= rank) return b.bucketS;
    }
    return sorted[sorted.length - 1].bucketS;
  };
  return { count, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

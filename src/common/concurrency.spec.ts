import { BatchWriter, forEachLimit } from './concurrency';

describe(forEachLimit.name, () => {
  it('never has more than the limit in flight and visits every item once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachLimit([...Array(50).keys()], 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      inFlight--;
    });
    expect(peak).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
  });
});

describe(BatchWriter.name, () => {
  it('flushes in groups of the given size, in order, and the rest on drain', async () => {
    const flushed: number[][] = [];
    const w = new BatchWriter<number>(3, async (items) => {
      flushed.push(items);
    });
    for (let i = 0; i < 7; i++) await w.push(i);
    await w.drain();
    expect(flushed).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
});

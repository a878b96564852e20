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

describe('forEachLimit after an error', () => {
  it('stops every lane from taking another item, lets the ones in flight finish, then throws the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = forEachLimit([...Array(100).keys()], 4, async (i) => {
      started.push(i);
      await new Promise((r) => setTimeout(r, 5));
      if (i === 5) throw new Error('write-back failed');
      finished.push(i);
    });
    await expect(run).rejects.toThrow('write-back failed');
    // items 0..5 ran before the failure surfaced, plus at most the three other lanes' items in flight then
    expect(started.length).toBeLessThanOrEqual(6 + 3);
    expect(finished.length).toBe(started.length - 1);
  });

  it('takes no item once stop() says so', async () => {
    const seen: number[] = [];
    await forEachLimit([...Array(20).keys()], 3, async (i) => void seen.push(i), () => seen.length >= 7);
    expect(seen.length).toBeLessThanOrEqual(7 + 2);
  });
});

describe('BatchWriter when a flush fails', () => {
  it('tries the same items again until the store is back, and remembers that it failed', async () => {
    const flushed: number[][] = [];
    let down = 2;
    const w = new BatchWriter<number>(2, async (items) => {
      if (down-- > 0) throw new Error('connection refused');
      flushed.push(items);
    }, { forMs: 10_000 });
    await w.push(1);
    await w.push(2);
    await w.drain();
    expect(flushed).toEqual([[1, 2]]);
    expect(w.failed?.message).toBe('connection refused');
  });

  it('gives up after its time and rejects every later flush (nothing is flushed out of order)', async () => {
    const flushed: number[][] = [];
    const w = new BatchWriter<number>(1, async (items) => {
      if (items[0] === 1) throw new Error('down for good');
      flushed.push(items);
    }, { forMs: 300 });
    await expect(w.push(1)).rejects.toThrow('down for good');
    await expect(w.push(2)).rejects.toThrow('down for good');
    expect(flushed).toEqual([]);
  });
});

/** Runs `fn` over `items` with at most `limit` calls in flight (bounded memory and sockets). */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Collects items and hands them to `flush` in groups of `size`, one flush at a time, so state is written
 * in bulk yet soon after each send (a crash then repeats only what was in flight or not yet flushed).
 */
export class BatchWriter<T> {
  private buffer: T[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly size: number,
    private readonly flush: (items: T[]) => Promise<void>,
  ) {}

  push(item: T): Promise<void> {
    this.buffer.push(item);
    return this.buffer.length >= this.size ? this.drain() : Promise.resolve();
  }

  drain(): Promise<void> {
    const items = this.buffer;
    this.buffer = [];
    if (items.length) this.chain = this.chain.then(() => this.flush(items));
    return this.chain;
  }
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight (bounded memory and sockets). A lane takes a new
 * item only while `stop()` is false, and the first error stops every lane from taking more: the calls already
 * in flight finish, then that error is thrown. (Rejecting at once would leave the other lanes running on in
 * the background — sending, in a send batch, what nobody would record.)
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  let error: { e: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !error && !stop()) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        error ??= { e };
      }
    }
  });
  await Promise.all(lanes);
  if (error) throw error.e;
}

export interface WriteRetry {
  /** keep trying a failed flush this long (with backoff) before giving up; 0: never retry */
  forMs: number;
  /** told of every failed try (for logs) */
  onFailure?: (e: Error) => void;
}

/**
 * Collects items and hands them to `flush` in groups of `size`, one flush at a time, so state is written
 * in bulk yet soon after each send (a crash then repeats only what was in flight or not yet flushed).
 * A flush that fails is tried again (a database restart loses nothing buffered here); `failed` is set from
 * the first failure on, so the producer stops producing what could not be recorded.
 */
export class BatchWriter<T> {
  private buffer: T[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** the first flush error seen (even when a retry later succeeded) */
  failed?: Error;

  constructor(
    private readonly size: number,
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly retry: WriteRetry = { forMs: 0 },
  ) {}

  push(item: T): Promise<void> {
    this.buffer.push(item);
    return this.buffer.length >= this.size ? this.drain() : Promise.resolve();
  }

  drain(): Promise<void> {
    const items = this.buffer;
    this.buffer = [];
    if (items.length) this.chain = this.chain.then(() => this.flushWithRetry(items));
    return this.chain;
  }

  private async flushWithRetry(items: T[]): Promise<void> {
    const giveUpAt = Date.now() + this.retry.forMs;
    let delayMs = 200;
    for (;;) {
      try {
        return await this.flush(items);
      } catch (e) {
        this.failed ??= e as Error;
        this.retry.onFailure?.(e as Error);
        if (Date.now() + delayMs > giveUpAt) throw e;
        await new Promise((r) => setTimeout(r, delayMs));
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
  }
}

/** At most `size` holders at once; the others wait in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Takes a place if one is free now (no promise to wait on, the common case on the send path). */
  tryAcquire(): boolean {
    if (this.held >= this.size) return false;
    this.held++;
    return true;
  }

  async acquire(): Promise<void> {
    if (this.held < this.size) {
      this.held++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the place straight to the next waiter, if any. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }

  get inUse(): number {
    return this.held;
  }
}

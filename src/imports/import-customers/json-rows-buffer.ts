/**
 * A batch of staged rows as the bytes of one JSON array, written row by row into two reused buffers outside
 * the JS heap. Keeping a batch as thousands of strings until it is written made them old enough to be
 * promoted, and the heap grew by a gigabyte of garbage over a million-row import between full collections;
 * here each row's string dies young and the batch costs no heap at all.
 *
 * Two buffers: one is filled while the other is being written. `take()` hands out the filled one and the
 * caller must finish writing it before calling `take()` again (the import awaits each write before the next).
 */
export class JsonRowsBuffer {
  private buffers = [Buffer.allocUnsafe(256 * 1024), Buffer.allocUnsafe(256 * 1024)];
  private current = 0;
  private length = 0;
  /** rows in the batch being filled */
  count = 0;

  push(json: string): void {
    const need = this.length + Buffer.byteLength(json) + 2; // a separator now, the closing bracket later
    let buf = this.buffers[this.current];
    if (need > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, buf.length * 2));
      buf.copy(bigger, 0, 0, this.length);
      this.buffers[this.current] = buf = bigger;
    }
    buf[this.length++] = this.count === 0 ? 0x5b /* [ */ : 0x2c /* , */;
    this.length += buf.write(json, this.length);
    this.count++;
  }

  /** The batch as UTF-8 JSON (`[]` when empty); the buffers then switch. */
  take(): Buffer {
    const buf = this.buffers[this.current];
    if (this.count === 0) buf[this.length++] = 0x5b;
    buf[this.length++] = 0x5d; // ]
    const out = buf.subarray(0, this.length);
    this.current = 1 - this.current;
    this.length = 0;
    this.count = 0;
    return out;
  }
}

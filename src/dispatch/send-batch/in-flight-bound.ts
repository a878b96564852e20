import type { AppConfig } from '../../config/config.schema';

/** Outcomes are written back every this many sends (one statement per group). */
export const FLUSH_EVERY = 25;

/**
 * The one bound on what a fault can make Tocsin send twice (stated in docs/operations.md, asserted by the
 * fault tests): only messages accepted by the server whose outcome was not yet written back can repeat. Per
 * send job that is at most one per lane still sending, plus what waits in the writer: its buffer (under
 * FLUSH_EVERY) and, while a write-back hangs, one group per lane queued behind it, since a lane that fills
 * a group waits for it to be written before it sends again — (lanes + 1) × FLUSH_EVERY − 1, never more than
 * the batch. A failed write-back stops the batch from starting more sends, so no fault adds to this. Times
 * the jobs a worker runs at once, times the worker processes the fault hits.
 */
export function inFlightBound(config: Pick<AppConfig, 'WORKER_CONCURRENCY' | 'SEND_BATCH_SIZE' | 'SEND_CONCURRENCY'>, workers: number): number {
  const perJob = Math.min(config.SEND_BATCH_SIZE, (config.SEND_CONCURRENCY + 1) * FLUSH_EVERY - 1);
  return workers * config.WORKER_CONCURRENCY * perJob;
}

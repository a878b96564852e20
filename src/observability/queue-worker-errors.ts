import type { Logger } from '@nestjs/common';
import { outages, unreachableDependency } from './outage-log';

/** How often a folded repeat of the same warning is summed up. */
const SUMMARY_EVERY_MS = 30_000;

const folded = new Map<string, { count: number; since: number }>();

/**
 * A BullMQ worker's 'error' event. Its connection is Redis: a lost connection is the Redis outage (one line
 * per outage); "Missing key for job" is what every active job says after Redis lost its keys (a FLUSHALL),
 * folded into one line and a count every 30 s (the reconciler re-queues the rows from Postgres); anything else
 * is logged as it comes.
 */
export function reportQueueWorkerError(logger: Pick<Logger, 'warn'>, e: Error): void {
  if (unreachableDependency(e) || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/.test(e.message)) return outages.failed('redis', e);
  if (/^Missing key for job/.test(e.message)) return fold(logger, 'missing-key', `Redis lost the keys of active jobs (e.g. ${e.message}); the reconciler re-queues their rows from Postgres`);
  logger.warn(`queue worker error: ${e.message}`);
}

function fold(logger: Pick<Logger, 'warn'>, kind: string, line: string): void {
  const now = Date.now();
  const f = folded.get(kind);
  if (!f) {
    folded.set(kind, { count: 0, since: now });
    return logger.warn(line);
  }
  f.count++;
  if (now - f.since >= SUMMARY_EVERY_MS) {
    logger.warn(`${line} (${f.count} more like it in the last ${Math.round((now - f.since) / 1000)} s)`);
    folded.set(kind, { count: 0, since: now });
  }
}

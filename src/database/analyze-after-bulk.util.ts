import type { Prisma } from '@prisma/client';

/** Rows inserted at once from which the planner's statistics are refreshed at once. */
export const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Refreshes the planner's statistics of the affected population after a bulk insert (inside the caller's
 * transaction, so they commit with the rows). Autovacuum would do it within a minute or so, but the fan-out
 * starts at once: with statistics that still say "a few hundred rows", PostgreSQL read every remaining
 * row of a million-customer incident for each page of 5,000. Sampling costs ~0.2 s at a million rows.
 */
export async function analyzeAffectedAfterBulk(db: Pick<Prisma.TransactionClient, '$executeRawUnsafe'>, inserted: number): Promise<void> {
  if (inserted >= ANALYZE_AFTER_ROWS) await db.$executeRawUnsafe('ANALYZE affected_customer');
}

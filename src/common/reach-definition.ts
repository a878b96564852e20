// What "reached" means, once, for every surface that shows it: the headline and per-step rows of the reach
// report, per channel, the metrics, the console dashboard, the agent view and the unreached export.
//
// A notification has reached its recipient while its state is one of these: `sent` (accepted by the relay,
// no bounce or failure reported since), `delivered` (a provider or DSN said so) or `acknowledged`. A later
// bounce or failure moves the notification out of them (src/tracking), so the customer is no longer counted
// as reached unless another notice of the incident reached them. `bounced`, `failed`, `suppressed` never reach.
// A customer is reached while at least one of their notifications of the incident is in a reaching state.
//
// Beyond reach: `acknowledged` customers pressed "I have read this notice" on their notice page; `claimed`
// customers pressed "Claim" on the remedy offer shown there (#20): their offer_assignment row of the
// incident has claimed_at set (CLAIMED_SQL, over offer_assignment as `a`). Claims are counted per customer
// and offer, on the incident the code was given for.
import { Prisma } from '@prisma/client';

export const REACHING_STATES = ['sent', 'delivered', 'acknowledged'] as const;

export function isReaching(state: string | null | undefined): boolean {
  return !!state && (REACHING_STATES as readonly string[]).includes(state);
}

/** `('sent', 'delivered', 'acknowledged')` for SQL written as text (the triggers' PL/pgSQL bodies). */
export const REACHING_SQL_LIST = `(${REACHING_STATES.map((s) => `'${s}'`).join(', ')})`;

/** The same list as a tagged-template fragment: `n.state IN ${REACHING_SQL}`. */
export const REACHING_SQL = Prisma.raw(REACHING_SQL_LIST);

/** A claimed offer: `FROM offer_assignment a WHERE a.incident_id = … AND ${CLAIMED_SQL}`. */
export const CLAIMED_SQL = Prisma.sql`a.claimed_at IS NOT NULL`;

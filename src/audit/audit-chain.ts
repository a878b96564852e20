// The audit hash chain, rebuilt in the application from the stored rows so that verifying it does not
// trust the database's own function. Each row's hash = sha256(previous row's hash + "\n" + the row's
// canonical text). The canonical text here and `audit_event_canonical` in audit-chain.installer.ts must
// always change together (audit-chain.spec.ts and the audit e2e test compare them).
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** An audit row as the chain covers it: `data` is PostgreSQL's own text of the jsonb value. */
export interface ChainRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId: string | null;
  dataText: string;
  origin: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** Each field as <utf-8 octets>:<value>, or `-` for NULL, joined by `|`: no two rows give the same text. */
export function canonicalText(r: ChainRow): string {
  const fields = [r.id, r.at.toISOString(), r.actorId, r.actorName, r.action, r.entityType, r.entityId, r.incidentId, r.dataText, r.origin];
  return fields.map((f) => (f === null ? '-' : `${Buffer.byteLength(f, 'utf8')}:${f}`)).join('|');
}

export const chainHash = (prevHash: string, r: ChainRow): string => createHash('sha256').update(`${prevHash}\n${canonicalText(r)}`, 'utf8').digest('hex');

export interface BrokenLink {
  id: string;
  /** `edited`: the row's content no longer gives its hash. `unlinked`: it does not follow the row before it (a row was removed or inserted) */
  problem: 'edited' | 'unlinked' | 'unchained';
  message: string;
}

/**
 * Walks rows in id order, carrying the previous row's hash. Returns the first broken link, or null.
 * `prev` is the hash of the row before the first one given (GENESIS_HASH at the start of the table).
 */
export function checkLinks(rows: readonly ChainRow[], prev: { id: string | null; hash: string }): BrokenLink | null {
  for (const r of rows) {
    if (!r.hash || !r.prevHash) return { id: r.id, problem: 'unchained', message: `audit row ${r.id} has no hash (written while the chain trigger was missing)` };
    if (r.prevHash !== prev.hash) {
      const after = prev.id ? `row ${prev.id}` : 'the start of the chain';
      return { id: r.id, problem: 'unlinked', message: `audit row ${r.id} does not follow ${after}: a row between them was removed or the chain was rewritten` };
    }
    if (chainHash(r.prevHash, r) !== r.hash) return { id: r.id, problem: 'edited', message: `audit row ${r.id} was changed after it was written: its content no longer matches its hash` };
    prev = { id: r.id, hash: r.hash };
  }
  return null;
}

import { Injectable } from '@nestjs/common';
import type { AuditEvent } from '@prisma/client';
import { type Actor } from '../auth/role';
import { AuditFilter, AuditRepository } from './audit.repository';
import { BrokenLink, checkLinks, GENESIS_HASH } from './audit-chain';

export interface AuditView {
  id: string;
  at: Date;
  actor: { id: string | null; name: string | null };
  origin: string | null;
  action: string;
  entity: { type: string; id: string };
  incidentId: string | null;
  data: unknown;
  hash: string | null;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  head: { lastId: string | null; lastHash: string };
  broken?: BrokenLink;
}

const toView = (e: AuditEvent): AuditView => ({
  id: e.id.toString(),
  at: e.at,
  actor: { id: e.actorId, name: e.actorName },
  origin: e.origin,
  action: e.action,
  entity: { type: e.entityType, id: e.entityId },
  incidentId: e.incidentId,
  data: e.data,
  hash: e.hash,
});

const CHAIN_PAGE = 5000;

/** Reading and checking the audit trail (admins). */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const rows = await this.audit.list(filter, cursor ? BigInt(cursor) : null, limit);
    return { items: rows.map(toView), nextCursor: rows.length === limit ? rows[rows.length - 1].id.toString() : null };
  }

  /** Every matching row, newest first, page by page (memory stays flat whatever the size); the export itself is audited. */
  async *export(filter: AuditFilter, by: Actor): AsyncGenerator<AuditView> {
    await this.audit.record({ actorId: by.id, actorName: by.name, action: 'audit.exported', entityType: 'audit', entityId: 'audit_event', data: { filter: JSON.parse(JSON.stringify(filter)) } });
    let before: bigint | null = null;
    for (;;) {
      const rows = await this.audit.list(filter, before, 1000);
      for (const r of rows) yield toView(r);
      if (rows.length < 1000) return;
      before = rows[rows.length - 1].id;
    }
  }

  /** Walks the whole chain from its first row; names the first broken link. */
  async verify(): Promise<VerifyResult> {
    let prev: { id: string | null; hash: string } = { id: null, hash: GENESIS_HASH };
    let rows = 0;
    for (;;) {
      const page = await this.audit.chainPage(prev.id, CHAIN_PAGE);
      const broken = checkLinks(page, prev);
      if (broken) return { ok: false, rows: rows + page.findIndex((r) => r.id === broken.id), head: await this.audit.head(), broken };
      rows += page.length;
      if (page.length) prev = { id: page[page.length - 1].id, hash: page[page.length - 1].hash! };
      if (page.length < CHAIN_PAGE) break;
    }
    const head = await this.audit.head();
    // rows removed from the end leave no gap in the chain: only the head (kept by the trigger, and shipped elsewhere) shows it
    if (head.lastHash !== prev.hash) {
      const id = head.lastId ?? 'none';
      return { ok: false, rows, head, broken: { id, problem: 'unlinked', message: `the chain head names row ${id}, but the last row is ${prev.id ?? 'none'}: rows at the end were removed` } };
    }
    return { ok: true, rows, head };
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { currentActor, currentOrigin } from '../common/request-context';
import { PrismaService } from '../database/prisma.service';
import { ChainRow } from './audit-chain';

export interface AuditEntry {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId?: string | null;
  data?: Prisma.InputJsonValue;
  /** from where; by default the request's client address (or the CLI, or this process) */
  origin?: string;
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  incidentId?: string;
  from?: Date;
  to?: Date;
}

type Db = PrismaService | Prisma.TransactionClient;

/**
 * The one writer of the audit trail. Rows are inserted, never updated or deleted (database triggers
 * refuse both); the chain trigger gives each row its id and its hash (see audit-chain.installer.ts).
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** An entry that names no actor is the request's caller (set by the guards), if any. */
  async record(entry: AuditEntry, db: Db = this.prisma): Promise<void> {
    const caller = entry.actorId || entry.actorName ? undefined : currentActor();
    const actor = caller ? { actorId: caller.id, actorName: caller.name } : {};
    await db.auditEvent.create({ data: { ...entry, ...actor, origin: entry.origin ?? currentOrigin(), data: entry.data ?? {} } });
  }

  /** Newest first, keyset on id. */
  list(filter: AuditFilter, beforeId: bigint | null, limit: number) {
    return this.prisma.auditEvent.findMany({
      where: {
        action: filter.action,
        entityType: filter.entityType,
        entityId: filter.entityId,
        actorId: filter.actorId,
        incidentId: filter.incidentId,
        at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
        id: beforeId === null ? undefined : { lt: beforeId },
      },
      orderBy: { id: 'desc' },
      take: limit,
    });
  }

  /** Rows for the chain check, oldest first, with `data` as PostgreSQL's own jsonb text (what the hash covers). */
  async chainPage(afterId: string | null, limit: number): Promise<ChainRow[]> {
    const { rows } = await this.prisma.pool.query<{
      id: string; at: Date; actor_id: string | null; actor_name: string | null; action: string; entity_type: string; entity_id: string;
      incident_id: string | null; data: string; origin: string | null; prev_hash: string | null; hash: string | null;
    }>(
      // raw through the pool: data::text must reach us exactly as PostgreSQL prints it
      `SELECT e.id::text AS id, at, actor_id::text, actor_name, action, entity_type, entity_id, incident_id::text, data::text AS data, origin, prev_hash, hash
       FROM audit_event e WHERE e.id > $1::bigint ORDER BY e.id LIMIT $2`,
      [afterId ?? '0', limit],
    );
    return rows.map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
      incidentId: r.incident_id, dataText: r.data, origin: r.origin, prevHash: r.prev_hash, hash: r.hash,
    }));
  }

  /** The chain head the trigger keeps: the last row's id and hash (what to ship elsewhere). */
  async head(): Promise<{ lastId: string | null; lastHash: string }> {
    const h = await this.prisma.auditChainHead.findFirstOrThrow();
    return { lastId: h.lastId?.toString() ?? null, lastHash: h.lastHash };
  }
}

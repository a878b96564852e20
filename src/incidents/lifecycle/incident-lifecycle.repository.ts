import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { IncidentState, Prisma } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';

export interface TimelineEntry {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  data: unknown;
}

@Injectable()
export class IncidentLifecycleRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  find(id: string) {
    return this.prisma.incident.findUnique({ where: { id }, select: { id: true, state: true, resolvedAt: true, steps: { select: { id: true, state: true, dueAt: true, definition: true } } } });
  }

  /**
   * Compare-and-set from `from` to `to`, with its side effects and its audit entry in one transaction.
   * Returns false when another request changed the state first.
   */
  async transition(
    id: string,
    from: IncidentState,
    to: IncidentState,
    audit: { actorId: string; actorName: string; action: string; data: Prisma.InputJsonValue },
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      // closedAt starts the marketing-hold cool-down (see src/holds)
      const ended = to === 'closed' || to === 'cancelled' ? { closedAt: new Date() } : {};
      // the resolved milestone is when it was first resolved (a pause and resume after it keeps it)
      const resolved = to === 'resolved' && from !== 'paused' ? { resolvedAt: new Date() } : {};
      const changed = await tx.incident.updateMany({ where: { id, state: from }, data: { state: to, ...ended, ...resolved } });
      if (changed.count !== 1) return false;
      if (to === 'cancelled') {
        // nothing more may go out: what was waiting is suppressed, with the reason, and unfinished steps stop
        await tx.$executeRaw`
          UPDATE notification SET state = 'suppressed', last_error = 'incident cancelled', deferred_until = NULL, updated_at = now()
          WHERE incident_id = ${id}::uuid AND state IN ('pending', 'queued', 'deferred')`;
        await tx.$executeRaw`
          UPDATE incident_step SET state = 'cancelled' WHERE incident_id = ${id}::uuid AND state IN ('scheduled', 'fanning_out', 'dispatched')`;
      }
      if (to === 'closed') {
        // closed is over: what still waited (steps timed from resolution not sent yet) is cancelled, with the reason
        await tx.$executeRaw`
          UPDATE notification SET state = 'suppressed', last_error = 'incident closed', deferred_until = NULL, updated_at = now()
          WHERE incident_id = ${id}::uuid AND state IN ('pending', 'queued', 'deferred')`;
        await tx.$executeRaw`
          UPDATE incident_step SET state = 'cancelled', waiting_reason = 'incident closed'
          WHERE incident_id = ${id}::uuid AND state IN ('waiting_milestone', 'awaiting_approval', 'scheduled', 'fanning_out', 'dispatched')`;
      }
      await this.audit.record({ ...audit, entityType: 'incident', entityId: id, incidentId: id }, tx);
      return true;
    });
  }

  async timeline(id: string, after: bigint | null, limit: number): Promise<TimelineEntry[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: { incidentId: id, ...(after !== null ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id.toString(), at: r.at, actor: r.actorName, action: r.action, data: r.data }));
  }
}

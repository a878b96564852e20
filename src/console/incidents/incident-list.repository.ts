import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface IncidentListRow {
  id: string;
  title: string;
  state: string;
  severity: string;
  declared_at: Date;
  affected: bigint | null;
  reached: bigint | null;
  awaiting: number;
}

/** The dashboard's list of incidents, newest first, with the trigger-kept counters (no count over notifications). */
@Injectable()
export class IncidentListRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(limit: number, before: Date | null): Promise<IncidentListRow[]> {
    return this.prisma.$queryRaw<IncidentListRow[]>`
      SELECT i.id, i.title, i.state::text AS state, i.severity, i.declared_at, c.affected, c.reached,
             (SELECT count(*)::int FROM incident_step s WHERE s.incident_id = i.id AND s.state = 'awaiting_approval') AS awaiting
      FROM incident i LEFT JOIN incident_counter c ON c.incident_id = i.id
      WHERE (${before}::timestamptz IS NULL OR i.declared_at < ${before}::timestamptz)
      ORDER BY i.declared_at DESC LIMIT ${limit}`;
  }
}

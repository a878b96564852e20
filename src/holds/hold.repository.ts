// Raw SQL: a hold is derived from incidents and affected rows (no hold table to keep in sync), and the sync
// stream groups a million affected rows page by page.
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { keysetFrom } from '../common/keyset.util';

export interface HoldIncidentRow {
  id: string;
  title: string;
  state: string;
  declared_at: Date;
  /** null while the incident is open; closed/cancelled time + cool-down afterwards */
  until: Date | null;
}

export interface HoldSyncRow {
  customer_id: string;
  external_id: string;
  open: boolean;
  ends: Date | null;
}

const ENDED = Prisma.sql`i.state IN ('closed', 'cancelled')`;
/** When an ended incident stops holding; closed_at when the lifecycle recorded it, else its last state change. */
const endsAt = (cooldownHours: number) => Prisma.sql`(coalesce(i.closed_at, i.updated_at) + make_interval(hours => ${cooldownHours}::int))`;

@Injectable()
export class HoldRepository {
  constructor(private readonly prisma: PrismaService) {}

  incidentsOf(externalId: string, cooldownHours: number): Promise<HoldIncidentRow[]> {
    return this.prisma.$queryRaw<HoldIncidentRow[]>`
      SELECT i.id, i.title, i.state::text AS state, i.declared_at, CASE WHEN ${ENDED} THEN ${endsAt(cooldownHours)} END AS until
      FROM customer c JOIN affected_customer ac ON ac.customer_id = c.id JOIN incident i ON i.id = ac.incident_id
      WHERE c.external_id = ${externalId}
      ORDER BY i.declared_at DESC`;
  }

  /**
   * One keyset page of customers for the sync stream: those on hold now, or (with `since`) whose hold
   * started, changed or ended after `since`.
   */
  page(after: string | null, limit: number, cooldownHours: number, since: Date | null): Promise<HoldSyncRow[]> {
    const ends = Prisma.sql`max(CASE WHEN ${ENDED} THEN ${endsAt(cooldownHours)} END)`;
    const heldNow = Prisma.sql`(bool_or(NOT ${ENDED}) OR ${ends} > now())`;
    // since: added to an incident or an incident changed state after it, or a cool-down ran out after it
    const wanted = since
      ? Prisma.sql`(max(greatest(ac.added_at, i.updated_at)) > ${since} OR (NOT bool_or(NOT ${ENDED}) AND ${ends} > ${since} AND ${ends} <= now()))`
      : heldNow;
    return this.prisma.$queryRaw<HoldSyncRow[]>`
      SELECT c.id AS customer_id, c.external_id, bool_or(NOT ${ENDED}) AS open,
             max(CASE WHEN ${ENDED} THEN ${endsAt(cooldownHours)} END) AS ends
      FROM affected_customer ac JOIN customer c ON c.id = ac.customer_id JOIN incident i ON i.id = ac.incident_id
      WHERE c.erased_at IS NULL AND ac.customer_id > ${keysetFrom(after)}::uuid
      GROUP BY c.id, c.external_id
      HAVING ${wanted}
      ORDER BY c.id LIMIT ${limit}`;
  }
}

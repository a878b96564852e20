import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface AuditEntry {
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  incidentId?: string | null;
  data?: Prisma.InputJsonValue;
}

type Db = PrismaService | Prisma.TransactionClient;

/** Append-only audit trail: rows are inserted, never updated or deleted. */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(entry: AuditEntry, db: Db = this.prisma): Promise<void> {
    await db.auditEvent.create({ data: { ...entry, data: entry.data ?? {} } });
  }
}

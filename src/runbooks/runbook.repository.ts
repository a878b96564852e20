import { Injectable } from '@nestjs/common';
import { Prisma, Runbook, RunbookVersion } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { RunbookDefinition } from './runbook-definition';

@Injectable()
export class RunbookRepository {
  constructor(private readonly prisma: PrismaService) {}

  saveDraft(key: string, draft: RunbookDefinition): Promise<Runbook> {
    const json = draft as unknown as Prisma.InputJsonValue;
    return this.prisma.runbook.upsert({ where: { key }, create: { key, name: draft.name, draft: json }, update: { name: draft.name, draft: json } });
  }

  findByKey(key: string): Promise<(Runbook & { versions: RunbookVersion[] }) | null> {
    return this.prisma.runbook.findUnique({ where: { key }, include: { versions: { orderBy: { version: 'desc' } } } });
  }

  /** Published versions are immutable: a publish only ever inserts the next version number. */
  publish(runbookId: string, definition: RunbookDefinition, publishedBy: string): Promise<RunbookVersion> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT id FROM runbook WHERE id = ${runbookId}::uuid FOR UPDATE`;
      const latest = await tx.runbookVersion.findFirst({ where: { runbookId }, orderBy: { version: 'desc' }, select: { version: true } });
      return tx.runbookVersion.create({
        data: { runbookId, version: (latest?.version ?? 0) + 1, definition: definition as unknown as Prisma.InputJsonValue, publishedBy },
      });
    });
  }

  /** Every runbook with its newest published version number (null for a draft never published), by key. */
  async list(): Promise<{ key: string; name: string; updatedAt: Date; publishedVersion: number | null; publishedAt: Date | null }[]> {
    const rows = await this.prisma.runbook.findMany({ orderBy: { key: 'asc' }, include: { versions: { orderBy: { version: 'desc' }, take: 1, select: { version: true, publishedAt: true } } } });
    return rows.map((r) => ({ key: r.key, name: r.name, updatedAt: r.updatedAt, publishedVersion: r.versions[0]?.version ?? null, publishedAt: r.versions[0]?.publishedAt ?? null }));
  }

  latestPublished(key: string): Promise<(RunbookVersion & { runbook: Runbook }) | null> {
    return this.prisma.runbookVersion.findFirst({ where: { runbook: { key } }, orderBy: { version: 'desc' }, include: { runbook: true } });
  }
}

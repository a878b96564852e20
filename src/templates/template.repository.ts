import { Injectable } from '@nestjs/common';
import { Prisma, Template } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export type NewTemplateVersion = Omit<Prisma.TemplateUncheckedCreateInput, 'id' | 'version' | 'createdAt'>;

@Injectable()
export class TemplateRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Next version number under a row lock on the latest version, so concurrent saves never collide. */
  async createVersion(data: NewTemplateVersion): Promise<Template> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${data.key}/${data.channel}/${data.locale}`}))`;
      const latest = await tx.template.findFirst({
        where: { key: data.key, channel: data.channel, locale: data.locale },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      return tx.template.create({ data: { ...data, version: (latest?.version ?? 0) + 1 } });
    });
  }

  findLatest(key: string, channel: string, locale: string): Promise<Template | null> {
    return this.prisma.template.findFirst({ where: { key, channel, locale }, orderBy: { version: 'desc' } });
  }

  history(key: string, channel: string, locale: string): Promise<Template[]> {
    return this.prisma.template.findMany({ where: { key, channel, locale }, orderBy: { version: 'desc' } });
  }

  findById(id: string): Promise<Template | null> {
    return this.prisma.template.findUnique({ where: { id } });
  }

  /** The newest version of each (key, channel, locale). */
  listLatest(): Promise<Template[]> {
    return this.prisma.$queryRaw<Template[]>`
      SELECT DISTINCT ON (key, channel, locale) id, key, channel, locale, version, created_at AS "createdAt"
      FROM template ORDER BY key, channel, locale, version DESC`;
  }

  /** Locales that have at least one version of (key, channel). */
  async locales(key: string, channel: string): Promise<string[]> {
    const rows = await this.prisma.template.findMany({ where: { key, channel }, distinct: ['locale'], select: { locale: true } });
    return rows.map((r) => r.locale);
  }
}

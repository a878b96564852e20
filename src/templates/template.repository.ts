import { Injectable } from '@nestjs/common';
import { Prisma, Template } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export type NewTemplateVersion = Omit<Prisma.TemplateUncheckedCreateInput, 'id' | 'version' | 'createdAt'>;

@Injectable()
export class TemplateRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Next version number under an advisory lock on (key, channel, locale), so concurrent saves never collide. */
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

  /** Version 1 unless any version exists (checked under the same lock): safe with several API replicas starting. */
  async createVersionIfNone(data: NewTemplateVersion): Promise<Template | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${data.key}/${data.channel}/${data.locale}`}))`;
      const any = await tx.template.findFirst({ where: { key: data.key, channel: data.channel, locale: data.locale }, select: { id: true } });
      return any ? null : tx.template.create({ data: { ...data, version: 1 } });
    });
  }

  findLatest(key: string, channel: string, locale: string): Promise<Template | null> {
    return this.prisma.template.findFirst({ where: { key, channel, locale }, orderBy: { version: 'desc' } });
  }

  findVersion(key: string, channel: string, locale: string, version: number): Promise<Template | null> {
    return this.prisma.template.findUnique({ where: { key_channel_locale_version: { key, channel, locale, version } } });
  }

  history(key: string, channel: string, locale: string): Promise<Template[]> {
    return this.prisma.template.findMany({ where: { key, channel, locale }, orderBy: { version: 'desc' } });
  }

  findById(id: string): Promise<Template | null> {
    return this.prisma.template.findUnique({ where: { id } });
  }

  /** The newest version of each (key, channel, locale). */
  listLatest(): Promise<{ key: string; channel: string; locale: string; version: number; createdAt: Date; createdByName: string | null }[]> {
    return this.prisma.$queryRaw`
      SELECT DISTINCT ON (key, channel, locale) key, channel, locale, version, created_at AS "createdAt", created_by_name AS "createdByName"
      FROM template ORDER BY key, channel, locale, version DESC`;
  }

  /** Locale → id of the newest version, for one (key, channel): what a declared incident freezes. */
  async latestPerLocale(key: string, channel: string): Promise<Record<string, string>> {
    const rows = await this.prisma.$queryRaw<{ locale: string; id: string }[]>`
      SELECT DISTINCT ON (locale) locale, id::text FROM template WHERE key = ${key} AND channel = ${channel}
      ORDER BY locale, version DESC`;
    return Object.fromEntries(rows.map((r) => [r.locale, r.id]));
  }

  findByIds(ids: string[]): Promise<Template[]> {
    return this.prisma.template.findMany({ where: { id: { in: ids } } });
  }
}

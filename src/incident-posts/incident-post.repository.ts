import { Injectable } from '@nestjs/common';
import { IncidentPost, IncidentPostVersion, IncidentPublishing, Prisma, Role } from '@prisma/client';
import { AuditRepository } from '../audit/audit.repository';
import { PrismaService } from '../database/prisma.service';
import { PostContent, PostKind } from './post-content';

type Who = { id: string; name: string };
export type PostWithVersions = IncidentPost & { versions: IncidentPostVersion[] };

/** A published post with the content of its published version: what every surface shows. */
export interface PublishedPost {
  id: string;
  kind: PostKind;
  number: number;
  version: number;
  content: PostContent;
  firstPublishedAt: Date;
  publishedAt: Date;
}

export interface IncidentForPosts {
  id: string;
  title: string;
  state: string;
  declaredBy: string | null;
  facts: Record<string, unknown>;
  defaultLocale: string;
}

/** Posts, their versions and the incident's publishing settings. Every write is audited in its transaction. */
@Injectable()
export class IncidentPostRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditRepository,
  ) {}

  async incident(id: string): Promise<IncidentForPosts | null> {
    const i = await this.prisma.incident.findUnique({
      where: { id },
      select: { id: true, title: true, state: true, declaredBy: true, facts: true, runbookVersion: { select: { definition: true } } },
    });
    if (!i) return null;
    const def = i.runbookVersion.definition as { defaultLocale?: string };
    return { id: i.id, title: i.title, state: i.state, declaredBy: i.declaredBy, facts: (i.facts ?? {}) as Record<string, unknown>, defaultLocale: def.defaultLocale ?? 'en' };
  }

  async create(incidentId: string, kind: PostKind, content: PostContent, by: Who): Promise<PostWithVersions> {
    return this.prisma.$transaction(async (tx) => {
      // numbers are per incident and kind: two writers at once must not both take the same one
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-post:${incidentId}:${kind}`}))`;
      const last = await tx.incidentPost.aggregate({ where: { incidentId, kind }, _max: { number: true } });
      const post = await tx.incidentPost.create({
        data: {
          incidentId,
          kind,
          number: (last._max.number ?? 0) + 1,
          createdById: by.id,
          createdByName: by.name,
          versions: { create: { version: 1, content: content as Prisma.InputJsonValue, authorId: by.id, authorName: by.name } },
        },
        include: { versions: true },
      });
      await this.audit.record({ actorId: by.id, actorName: by.name, action: `${kind}.drafted`, entityType: 'incident_post', entityId: post.id, incidentId, data: { number: post.number, version: 1 } }, tx);
      return post;
    });
  }

  /** A new version (the published one stays shown until this one is published). Null: the post changed meanwhile. */
  async edit(post: IncidentPost, content: PostContent, by: Who): Promise<PostWithVersions | null> {
    return this.prisma.$transaction(async (tx) => {
      const next = post.version + 1;
      const n = await tx.incidentPost.updateMany({ where: { id: post.id, version: post.version }, data: { version: next } });
      if (!n.count) return null;
      await tx.incidentPostVersion.create({ data: { postId: post.id, version: next, content: content as Prisma.InputJsonValue, authorId: by.id, authorName: by.name } });
      await this.audit.record(
        { actorId: by.id, actorName: by.name, action: `${post.kind}.edited`, entityType: 'incident_post', entityId: post.id, incidentId: post.incidentId, data: { number: post.number, version: next, published: post.publishedVersion } },
        tx,
      );
      return tx.incidentPost.findUniqueOrThrow({ where: { id: post.id }, include: { versions: { orderBy: { version: 'asc' } } } });
    });
  }

  /** Publishes the given version if it is still the newest (compare-and-set). */
  async publish(post: IncidentPost, version: number, by: Who, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incidentPost.updateMany({
        where: { id: post.id, version },
        data: { publishedVersion: version, publishedAt: at, firstPublishedAt: post.firstPublishedAt ?? at, withdrawnAt: null },
      });
      if (!n.count) return false;
      await tx.incidentPostVersion.update({ where: { postId_version: { postId: post.id, version } }, data: { publishedAt: at, publishedById: by.id, publishedByName: by.name } });
      await this.audit.record(
        { actorId: by.id, actorName: by.name, action: `${post.kind}.published`, entityType: 'incident_post', entityId: post.id, incidentId: post.incidentId, data: { number: post.number, version, before: post.publishedVersion } },
        tx,
      );
      return true;
    });
  }

  async withdraw(post: IncidentPost, by: Who, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const n = await tx.incidentPost.updateMany({ where: { id: post.id, withdrawnAt: null, publishedVersion: { not: null } }, data: { withdrawnAt: at } });
      if (!n.count) return false;
      await this.audit.record(
        { actorId: by.id, actorName: by.name, action: `${post.kind}.withdrawn`, entityType: 'incident_post', entityId: post.id, incidentId: post.incidentId, data: { number: post.number, version: post.publishedVersion } },
        tx,
      );
      return true;
    });
  }

  find(incidentId: string, kind: PostKind, ref: string): Promise<PostWithVersions | null> {
    // a post is named by its id or its number ("3")
    const where = /^\d{1,9}$/.test(ref) ? { incidentId_kind_number: { incidentId, kind, number: Number(ref) } } : { id: ref };
    if (!('incidentId_kind_number' in where) && !/^[0-9a-f-]{36}$/i.test(ref)) return Promise.resolve(null);
    return this.prisma.incidentPost
      .findUnique({ where, include: { versions: { orderBy: { version: 'asc' } } } })
      .then((p) => (p && p.incidentId === incidentId && p.kind === kind ? p : null));
  }

  list(incidentId: string, kind: PostKind): Promise<PostWithVersions[]> {
    return this.prisma.incidentPost.findMany({ where: { incidentId, kind }, orderBy: { number: 'desc' }, include: { versions: { orderBy: { version: 'asc' } } } });
  }

  /** What the surfaces show: published, not withdrawn; updates newest first, answers in the order written. */
  async published(incidentId: string): Promise<PublishedPost[]> {
    const rows = await this.prisma.$queryRaw<(PublishedPost & { kind: PostKind })[]>`
      SELECT p.id::text AS id, p.kind, p.number, v.version, v.content, p.first_published_at AS "firstPublishedAt", p.published_at AS "publishedAt"
      FROM incident_post p JOIN incident_post_version v ON v.post_id = p.id AND v.version = p.published_version
      WHERE p.incident_id = ${incidentId}::uuid AND p.withdrawn_at IS NULL
      ORDER BY p.kind DESC, CASE WHEN p.kind = 'update' THEN -extract(epoch FROM p.first_published_at) ELSE p.number END, p.number DESC`;
    return rows;
  }

  publishing(incidentId: string): Promise<IncidentPublishing | null> {
    return this.prisma.incidentPublishing.findUnique({ where: { incidentId } });
  }

  bySlug(slug: string): Promise<IncidentPublishing | null> {
    return this.prisma.incidentPublishing.findUnique({ where: { statusSlug: slug } });
  }

  /** Null: the slug is taken by another incident. */
  async savePublishing(
    incidentId: string,
    s: { approvalRole: Role | null; differentFromAuthor: boolean; statusSlug: string | null; statusEnabled: boolean; statusIndexable: boolean },
    by: Who,
    before: IncidentPublishing | null,
  ): Promise<IncidentPublishing | null> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const saved = await tx.incidentPublishing.upsert({ where: { incidentId }, create: { incidentId, ...s }, update: s });
        const view = (p: typeof s | null) => (p ? { approvalRole: p.approvalRole, differentFromAuthor: p.differentFromAuthor, statusSlug: p.statusSlug, statusEnabled: p.statusEnabled, statusIndexable: p.statusIndexable } : null);
        await this.audit.record({ actorId: by.id, actorName: by.name, action: 'incident.publishing_changed', entityType: 'incident', entityId: incidentId, incidentId, data: { before: view(before), after: view(s) } }, tx);
        return saved;
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }
}

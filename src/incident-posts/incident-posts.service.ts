import { Injectable } from '@nestjs/common';
import { IncidentPublishing, Role } from '@prisma/client';
import { Actor, APPROVER_ROLES, roleSatisfies } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { IncidentForPosts, IncidentPostRepository, PostWithVersions } from './incident-post.repository';
import { answerContentSchema, PostContent, PostKind, updateContentSchema } from './post-content';

/** Incidents whose posts can no longer change: what was said stays as it was said. */
const FROZEN = ['cancelled', 'closed'];
export const WRITER_ROLES: readonly Role[] = [Role.commander, Role.comms];

export interface PublishingSettings {
  approval: { role: Role; differentFromAuthor: boolean } | null;
  statusPage: { enabled: boolean; slug: string | null; indexable: boolean; url: string | null };
}

/**
 * Updates and answers (#21): drafted, edited (every version kept), published under the incident's approval
 * rule, withdrawn. Publishing follows the rule steps follow: the role it names (least privilege: only an
 * approver role), and four eyes when asked. Without a rule, any writer publishes an update; an answer
 * needs a commander (it is what agents will say word for word).
 */
@Injectable()
export class IncidentPostsService {
  constructor(
    private readonly posts: IncidentPostRepository,
    private readonly clock: Clock,
  ) {}

  async list(incidentId: string, kind: PostKind) {
    await this.incident(incidentId);
    return { items: (await this.posts.list(incidentId, kind)).map(postView) };
  }

  async get(incidentId: string, kind: PostKind, ref: string) {
    return postView(await this.post(incidentId, kind, ref));
  }

  async history(incidentId: string, kind: PostKind, ref: string) {
    const p = await this.post(incidentId, kind, ref);
    return {
      id: p.id,
      number: p.number,
      publishedVersion: p.publishedVersion,
      versions: p.versions.map((v) => ({ version: v.version, content: v.content, author: v.authorName, createdAt: v.createdAt, publishedAt: v.publishedAt, publishedBy: v.publishedByName })),
    };
  }

  async create(incidentId: string, kind: PostKind, content: unknown, actor: Actor) {
    const incident = await this.incident(incidentId);
    this.writable(incident);
    return postView(await this.posts.create(incidentId, kind, parseContent(kind, content), actor));
  }

  async edit(incidentId: string, kind: PostKind, ref: string, content: unknown, actor: Actor) {
    this.writable(await this.incident(incidentId));
    const post = await this.post(incidentId, kind, ref);
    const saved = await this.posts.edit(post, parseContent(kind, content), actor);
    if (!saved) throw new AppException(ErrorCode.Conflict, `${label(kind)} ${post.number} was changed meanwhile; reload it and edit again`);
    return postView(saved);
  }

  /** Publishes the newest version; `version`, when given, must be it (the approver publishes what they previewed). */
  async publish(incidentId: string, kind: PostKind, ref: string, version: number | undefined, actor: Actor) {
    const incident = await this.incident(incidentId);
    this.writable(incident);
    const post = await this.post(incidentId, kind, ref);
    const v = version ?? post.version;
    if (v !== post.version) throw new AppException(ErrorCode.Conflict, `Version ${v} is not the newest of ${label(kind).toLowerCase()} ${post.number} (${post.version} is)`, { newest: post.version });
    if (post.publishedVersion === v && !post.withdrawnAt) throw new AppException(ErrorCode.Conflict, `Version ${v} of ${label(kind).toLowerCase()} ${post.number} is already published`);
    this.mayPublish(kind, post, v, await this.posts.publishing(incidentId), actor);
    if (!(await this.posts.publish(post, v, actor, this.clock.now()))) throw new AppException(ErrorCode.Conflict, `${label(kind)} ${post.number} was changed meanwhile; preview it again`);
    return postView((await this.posts.find(incidentId, kind, post.id))!);
  }

  async withdraw(incidentId: string, kind: PostKind, ref: string, actor: Actor) {
    this.writable(await this.incident(incidentId));
    const post = await this.post(incidentId, kind, ref);
    if (!(await this.posts.withdraw(post, actor, this.clock.now()))) throw new AppException(ErrorCode.Conflict, `${label(kind)} ${post.number} is not published`);
    return postView((await this.posts.find(incidentId, kind, post.id))!);
  }

  /** Who may publish this version, said in words (for the console), or null when `actor` may. */
  whyNot(kind: PostKind, post: PostWithVersions, version: number, publishing: IncidentPublishing | null, actor: Actor): string | null {
    try {
      this.mayPublish(kind, post, version, publishing, actor);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  async publishing(incidentId: string, publicUrl: string): Promise<PublishingSettings> {
    await this.incident(incidentId);
    return settingsView(await this.posts.publishing(incidentId), publicUrl);
  }

  async savePublishing(
    incidentId: string,
    input: { approval: { role: Role; differentFromAuthor: boolean } | null; statusPage: { enabled: boolean; slug?: string; indexable: boolean } },
    actor: Actor,
    publicUrl: string,
  ): Promise<PublishingSettings> {
    await this.incident(incidentId);
    const before = await this.posts.publishing(incidentId);
    if (input.approval && !APPROVER_ROLES.includes(input.approval.role)) {
      throw new AppException(ErrorCode.ValidationFailed, `The approval role must be one of ${APPROVER_ROLES.join(', ')}`);
    }
    const slug = input.statusPage.slug ?? before?.statusSlug ?? null;
    if (input.statusPage.enabled && !slug) throw new AppException(ErrorCode.ValidationFailed, 'A status page needs a slug (the address /status/{slug})');
    const saved = await this.posts.savePublishing(
      incidentId,
      { approvalRole: input.approval?.role ?? null, differentFromAuthor: input.approval?.differentFromAuthor ?? false, statusSlug: slug, statusEnabled: input.statusPage.enabled, statusIndexable: input.statusPage.indexable },
      actor,
      before,
    );
    if (!saved) throw new AppException(ErrorCode.Conflict, `The status page address '${slug}' is taken by another incident`);
    return settingsView(saved, publicUrl);
  }

  async incident(id: string): Promise<IncidentForPosts> {
    const i = await this.posts.incident(id);
    if (!i) throw AppException.notFound('Incident', id);
    return i;
  }

  async post(incidentId: string, kind: PostKind, ref: string): Promise<PostWithVersions> {
    await this.incident(incidentId);
    const p = await this.posts.find(incidentId, kind, ref);
    if (!p) throw AppException.notFound(label(kind), ref.slice(0, 64));
    return p;
  }

  private writable(incident: IncidentForPosts): void {
    if (FROZEN.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}: its updates and answers can no longer change`, { state: incident.state });
  }

  private mayPublish(kind: PostKind, post: PostWithVersions, version: number, publishing: IncidentPublishing | null, actor: Actor): void {
    const rule = publishing?.approvalRole ?? (kind === 'answer' ? Role.commander : null);
    const allowed = rule ? roleSatisfies(actor.role, [rule]) && APPROVER_ROLES.includes(actor.role) : roleSatisfies(actor.role, WRITER_ROLES) && actor.role !== Role.viewer;
    if (!allowed) throw new AppException(ErrorCode.Forbidden, `Publishing ${kind === 'update' ? 'an update' : 'an answer'} needs the role ${rule ?? WRITER_ROLES.join(' or ')}; you have '${actor.role}'`);
    const author = post.versions.find((v) => v.version === version)?.authorId;
    if (publishing?.differentFromAuthor && author && author === actor.id) {
      throw new AppException(ErrorCode.Forbidden, `Version ${version} must be published by someone other than its author (four eyes)`);
    }
  }
}

export const label = (kind: PostKind) => (kind === 'update' ? 'Update' : 'Answer');

function parseContent(kind: PostKind, content: unknown): PostContent {
  const parsed = (kind === 'update' ? updateContentSchema : answerContentSchema).safeParse(content);
  if (!parsed.success) {
    throw new AppException(
      ErrorCode.ValidationFailed,
      'The content is not valid',
      parsed.error.issues.map((i) => ({ field: ['content', ...i.path].join('.'), message: i.message })),
    );
  }
  return parsed.data as PostContent;
}

export function postView(p: PostWithVersions) {
  const newest = p.versions.find((v) => v.version === p.version);
  const shown = p.publishedVersion ? p.versions.find((v) => v.version === p.publishedVersion) : undefined;
  const state = p.withdrawnAt ? 'withdrawn' : !p.publishedVersion ? 'draft' : p.publishedVersion < p.version ? 'published_with_draft' : 'published';
  return {
    id: p.id,
    incidentId: p.incidentId,
    kind: p.kind,
    number: p.number,
    state,
    version: p.version,
    publishedVersion: p.publishedVersion,
    content: newest?.content ?? null,
    published: shown?.content ?? null,
    firstPublishedAt: p.firstPublishedAt,
    publishedAt: p.publishedAt,
    withdrawnAt: p.withdrawnAt,
    createdBy: p.createdByName,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function settingsView(p: IncidentPublishing | null, publicUrl: string): PublishingSettings {
  return {
    approval: p?.approvalRole ? { role: p.approvalRole, differentFromAuthor: p.differentFromAuthor } : null,
    statusPage: {
      enabled: p?.statusEnabled ?? false,
      slug: p?.statusSlug ?? null,
      indexable: p?.statusIndexable ?? false,
      url: p?.statusEnabled && p.statusSlug ? `${publicUrl.replace(/\/$/, '')}/status/${p.statusSlug}` : null,
    },
  };
}

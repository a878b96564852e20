import { Injectable } from '@nestjs/common';
import { ContactReason } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { ContactReasonRepository } from './contact-reason.repository';

export const toReasonView = (r: ContactReason) => ({ id: r.id, key: r.key, label: r.label, position: r.position, archived: !!r.archivedAt });
export type ReasonView = ReturnType<typeof toReasonView>;

/**
 * The reasons comms maintains. A reason that contacts already use is archived rather than deleted, so past
 * contacts keep it and the incident figures stay the same; archived reasons are no longer offered to agents.
 * Every change is audited.
 */
@Injectable()
export class ContactReasonsService {
  constructor(
    private readonly reasons: ContactReasonRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async list(includeArchived = false): Promise<{ items: ReasonView[] }> {
    return { items: (await this.reasons.list(includeArchived)).map(toReasonView) };
  }

  async create(input: { key: string; label: string; position?: number }, actor: Actor): Promise<ReasonView> {
    const r = await this.reasons.create({ key: input.key, label: input.label, position: input.position ?? 0 }, this.clock.now(), (tx, created) =>
      this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'contact_reason.created', entityType: 'contact_reason', entityId: created.id, data: { key: created.key, label: created.label } }, tx),
    );
    if (!r) throw new AppException(ErrorCode.Conflict, `A reason with key '${input.key}' exists already`);
    return toReasonView(r);
  }

  async update(id: string, input: { label?: string; position?: number; archived?: boolean }, actor: Actor): Promise<ReasonView> {
    const before = await this.mustFind(id);
    const archivedAt = input.archived === undefined ? undefined : input.archived ? (before.archivedAt ?? this.clock.now()) : null;
    const r = await this.reasons.update(id, { label: input.label, position: input.position, archivedAt }, this.clock.now(), (tx, after) =>
      this.audit.record(
        {
          actorId: actor.id, actorName: actor.name, action: 'contact_reason.updated', entityType: 'contact_reason', entityId: id,
          data: { key: after.key, before: toReasonView(before), after: toReasonView(after) },
        },
        tx,
      ),
    );
    return toReasonView(r);
  }

  /** Deleted when no contact uses it, archived otherwise (the answer says which). */
  async remove(id: string, actor: Actor): Promise<{ id: string; deleted: boolean; archived: boolean }> {
    const r = await this.mustFind(id);
    if (await this.reasons.inUse(id)) {
      await this.update(id, { archived: true }, actor);
      return { id, deleted: false, archived: true };
    }
    await this.reasons.delete(id, (tx) =>
      this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'contact_reason.deleted', entityType: 'contact_reason', entityId: id, data: { key: r.key, label: r.label } }, tx),
    );
    return { id, deleted: true, archived: false };
  }

  private async mustFind(id: string): Promise<ContactReason> {
    const r = await this.reasons.findById(id);
    if (!r) throw AppException.notFound('Contact reason', id);
    return r;
  }
}

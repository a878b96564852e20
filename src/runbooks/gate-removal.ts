// Four eyes on removing an approval gate: a commander could otherwise drop the gate of a step, republish
// and declare alone. A publish that removes a gate is first recorded as a request; it goes through when a
// second person (another key or console user) publishes the same draft within a day. Both are in the audit.
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditRepository } from '../audit/audit.repository';
import { type Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';

export const GATE_REMOVAL_CONFIRM_HOURS = 24;

interface StepLike {
  id: string;
  approval?: unknown;
}

/** Steps gated in the last published version that are not gated (or not there) in the new one. */
export function removedGates(previous: { steps?: StepLike[] } | null, next: { steps: StepLike[] }): string[] {
  const gatedNow = new Set(next.steps.filter((s) => s.approval).map((s) => s.id));
  return (previous?.steps ?? []).filter((s) => s.approval && !gatedNow.has(s.id)).map((s) => s.id);
}

export interface GateRemoval {
  removed: string[];
  requestedBy?: { id: string | null; name: string | null };
}

@Injectable()
export class GateRemovalPolicy {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Passes when no gate is removed or a second person confirms; otherwise records the request and refuses (409). */
  async check(runbook: { id: string; key: string }, previous: { steps?: StepLike[] } | null, next: { steps: StepLike[] }, actor: Actor): Promise<GateRemoval> {
    const removed = removedGates(previous, next);
    if (!removed.length) return { removed };
    const draftHash = createHash('sha256').update(JSON.stringify(next)).digest('hex');
    const since = new Date(this.clock.now().getTime() - GATE_REMOVAL_CONFIRM_HOURS * 3_600_000);
    const requests = await this.audit.list({ action: 'runbook.gate_removal_requested', entityType: 'runbook', entityId: runbook.id, from: since }, null, 50);
    const request = requests.find((r) => (r.data as { draftHash?: string }).draftHash === draftHash && r.actorId !== actor.id);
    if (request) return { removed, requestedBy: { id: request.actorId, name: request.actorName } };
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'runbook.gate_removal_requested', entityType: 'runbook', entityId: runbook.id, data: { key: runbook.key, removedGates: removed, draftHash } });
    throw new AppException(
      ErrorCode.Conflict,
      `Publishing '${runbook.key}' removes the approval gate of step(s) ${removed.join(', ')}: a second person must publish this same draft within ${GATE_REMOVAL_CONFIRM_HOURS} hours to confirm (recorded in the audit trail)`,
      { removedGates: removed, needsSecondPerson: true },
    );
  }
}

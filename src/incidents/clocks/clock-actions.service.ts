import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { ClockReplanner } from './clock-replanner';
import { ClockStateService } from './clock-state.service';
import { ClockRepository } from './clock.repository';
import { canonicalClockId, CLOCK_IDS, OrganisationProfile } from './regulatory-clocks';
import { RecordSubmissionInput } from './dto/clock.dto';

const LIVE = ['declared', 'notifying', 'monitoring', 'paused', 'resolved'];
/** a filing is evidence whenever it was made: a final report often follows the closing of the incident */
const FILING = [...LIVE, 'closed'];
const FUTURE_SLACK_MS = 5 * 60_000;

/** What people record about the clocks: filings made outside Tocsin, the NYDFS times, the organisation profile. */
@Injectable()
export class ClockActions {
  constructor(
    private readonly repo: ClockRepository,
    private readonly state: ClockStateService,
    private readonly replanner: ClockReplanner,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** A filing made through the authority's portal (or EDGAR): meets the clock as of submittedAt. */
  async recordSubmission(incidentId: string, clockId: string, input: RecordSubmissionInput, actor: Actor) {
    const incident = await this.load(incidentId, FILING);
    const id = canonicalClockId(clockId);
    if (!(CLOCK_IDS as readonly string[]).includes(id)) throw AppException.notFound('Clock', clockId);
    const clocks = await this.state.clocksFor(incident);
    if (!clocks.some((c) => c.id === id)) {
      throw new AppException(ErrorCode.Conflict, `The ${id} clock does not apply to this incident (its clocks: ${clocks.map((c) => c.id).join(', ') || 'none'})`);
    }
    const submittedAt = new Date(input.submittedAt);
    this.notFuture(submittedAt, 'submittedAt');
    if (submittedAt < incident.awareAt) throw new AppException(ErrorCode.ValidationFailed, 'submittedAt is before the incident became known', [{ path: 'submittedAt', message: 'must not be before awareAt' }]);
    const file = input.file ? Buffer.from(input.file.base64, 'base64') : null;
    const row = await this.repo.addSubmission(
      {
        incidentId,
        clockId: id,
        submittedAt,
        submittedBy: input.submittedBy,
        recordedBy: actor.id,
        recordedByName: actor.name,
        reference: input.reference,
        note: input.note ?? null,
        fileName: input.file?.name ?? null,
        fileContentType: input.file?.contentType ?? null,
        fileSha256: file ? createHash('sha256').update(file).digest('hex') : null,
        fileData: file ? new Uint8Array(file) : null,
      },
      (tx, submissionId) =>
        this.audit.record(
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'clock.submission_recorded',
            entityType: 'clock_submission',
            entityId: submissionId,
            incidentId,
            data: { clock: id, submittedAt: submittedAt.toISOString(), submittedBy: input.submittedBy, reference: input.reference, file: input.file?.name ?? null, fileBytes: file?.length ?? 0 },
          },
          tx,
        ),
    );
    const replanned = await this.replanner.replan(incidentId, `submission recorded for ${id}`);
    return { ...row, replanned };
  }

  async submissionFile(incidentId: string, submissionId: string) {
    const f = await this.repo.submissionFile(incidentId, submissionId);
    if (!f?.fileData) throw AppException.notFound('Submission file', submissionId);
    return f;
  }

  /** NYDFS 500.17(a) starts from the determination; 500.17(b) from an extortion payment. Set once, audited. */
  async setTime(incidentId: string, what: 'determination' | 'extortion_payment', at: Date | undefined, actor: Actor) {
    const incident = await this.load(incidentId);
    const when = at ?? this.clock.now();
    this.notFuture(when, 'at');
    const field = what === 'determination' ? 'determinedAt' : 'extortionPaidAt';
    const ok = await this.repo.setIncidentTime(incidentId, field, when, (tx) =>
      this.audit.record({ actorId: actor.id, actorName: actor.name, action: `incident.${what}`, entityType: 'incident', entityId: incidentId, incidentId, data: { at: when.toISOString() } }, tx),
    );
    if (!ok) throw new AppException(ErrorCode.Conflict, `The incident's ${what.replace('_', ' ')} time is already set (${incident[field]?.toISOString()})`);
    const replanned = await this.replanner.replan(incidentId, `${what.replace('_', ' ')} recorded`);
    return { id: incidentId, [field]: when, replanned };
  }

  profile() {
    return this.repo.profile();
  }

  async saveProfile(p: OrganisationProfile, actor: Actor) {
    const before = await this.repo.profile();
    await this.repo.saveProfile(p, actor.name, (tx) =>
      this.audit.record(
        { actorId: actor.id, actorName: actor.name, action: 'organisation.profile_updated', entityType: 'organisation_profile', entityId: 'organisation', data: { before, after: p } as unknown as Prisma.InputJsonValue },
        tx,
      ),
    );
    return p;
  }

  private async load(incidentId: string, states = LIVE) {
    const incident = await this.repo.incident(incidentId);
    if (!incident) throw AppException.notFound('Incident', incidentId);
    if (!states.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}`, { state: incident.state });
    return incident;
  }

  private notFuture(at: Date, path: string) {
    if (at.getTime() > this.clock.now().getTime() + FUTURE_SLACK_MS) throw new AppException(ErrorCode.ValidationFailed, `${path} is in the future`, [{ path, message: 'must not be in the future' }]);
  }
}

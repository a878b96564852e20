import { Inject, Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { Clock } from '../../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { renderContext, SAMPLE_OFFER } from '../../templates/render-context';
import { TemplateEngine } from '../../templates/template-engine';
import { ClockStateService } from '../clocks/clock-state.service';
import { ClockRepository } from '../clocks/clock.repository';
import { canonicalClockId, computeClocks } from '../clocks/regulatory-clocks';
import { EvidenceReportRepository } from './evidence-report.repository';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type EvidenceReport = Awaited<ReturnType<EvidenceReportService['build']>>;

/** The facts as they stood at `at`: the `before` of the first edit after it, else today's (the audit trail keeps every edit). */
export function factsAt(current: unknown, edits: { at: Date; before: unknown }[], at: Date | null): unknown {
  if (!at) return current;
  const next = edits.filter((e) => e.at > at).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return next ? next.before : current;
}

/**
 * What a DPO hands to an authority or an auditor: every clock with its due time, status and the evidence
 * that met it (each authority recipient's delivery with the server's answer and the provider's events, or
 * the recorded filing), approvals with what was approved, each template version sent with one rendered
 * sample, exact counts by step, channel and state, and the audit trail with its chain hashes.
 */
@Injectable()
export class EvidenceReportService {
  constructor(
    private readonly clocks: ClockStateService,
    private readonly clockData: ClockRepository,
    private readonly repo: EvidenceReportRepository,
    private readonly engine: TemplateEngine,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(incidentId: string) {
    const incident = await this.clockData.incident(incidentId);
    if (!incident) throw AppException.notFound('Incident', incidentId);
    const generatedAt = this.clock.now();
    const inputs = await this.clocks.inputs(incident);
    const views = computeClocks(inputs.incident, inputs.steps, generatedAt, inputs.submissions);
    const regulatorSteps = incident.steps.filter((s) => s.audience === 'regulator');
    const [events, versions, counts, timeline] = await Promise.all([
      this.repo.deliveryEvents(regulatorSteps.map((s) => s.id)),
      this.repo.sentVersions(incidentId),
      this.repo.counts(incidentId),
      this.repo.timeline(incidentId),
    ]);
    const stepById = new Map(incident.steps.map((s) => [s.id, s]));

    const clocks = views.map((c) => {
      const meeting = incident.steps.filter((s) => ((s.definition as { meets?: string[] }).meets ?? []).some((m) => canonicalClockId(m) === c.id));
      return {
        ...c,
        submissions: inputs.submissions.filter((x) => x.clockId === c.id),
        // every meeting step's recipients, met or not: a partial delivery shows here recipient by recipient
        deliveries: meeting.map((s) => ({
          step: s.stepKey,
          audience: s.audience,
          state: s.state,
          completedAt: iso(s.completedAt),
          recipients: (inputs.steps.find((x) => x.stepKey === s.stepKey)?.recipients ?? []).map((r) => ({
            ...r,
            reachedAt: iso(r.reachedAt),
            events: events.filter((e) => e.step_id === s.id && e.recipient === r.recipient).map((e) => ({ kind: e.kind, status: e.status, reason: e.reason, occurredAt: iso(e.occurred_at), receivedAt: iso(e.received_at) })),
          })),
        })),
      };
    });

    const approvals = timeline
      .filter((e) => e.action === 'step.approved')
      .map((e) => {
        const step = stepById.get(e.entityId);
        return { step: step?.stepKey ?? (e.data as { step?: string }).step ?? null, approvedBy: e.actorName, approvedAt: e.at.toISOString(), data: e.data };
      });
    const frozen = incident.steps
      .filter((s) => s.approvedAt)
      .map((s) => ({ step: s.stepKey, approvedBy: s.approvedByName, approvedAt: iso(s.approvedAt), approvedSnapshot: s.approvedSnapshot }));

    return {
      generatedAt: generatedAt.toISOString(),
      incident: {
        id: incident.id,
        title: incident.title,
        type: incident.type,
        severity: incident.severity,
        state: incident.state,
        jurisdictions: incident.jurisdictions,
        awareAt: iso(incident.awareAt),
        declaredAt: iso(incident.declaredAt),
        confirmedAt: iso(incident.confirmedAt),
        materialityAt: iso(incident.materialityAt),
        determinedAt: iso(incident.determinedAt),
        extortionPaidAt: iso(incident.extortionPaidAt),
        closedAt: iso(incident.closedAt),
        organisationProfile: incident.organisationProfile,
        facts: incident.facts,
        affected: inputs.incident.affectedCount,
        ...(inputs.population ? { affectedByState: inputs.population.byState, affectedWithoutState: inputs.population.withoutState } : {}),
      },
      clocks,
      approvals: { history: approvals, current: frozen },
      templates: await this.samples(
        incident,
        versions,
        stepById,
        timeline.filter((e) => e.action === 'incident.facts_updated').map((e) => ({ at: e.at, before: (e.data as { before?: unknown }).before })),
      ),
      counts: counts.map((r) => ({ step: r.step_key, channel: r.channel, state: r.state, notifications: Number(r.n) })),
      schedule: incident.steps.map((s) => ({ step: s.stepKey, audience: s.audience, channel: s.channel, state: s.state, dueAt: iso(s.dueAt), dispatchedAt: iso(s.dispatchedAt), completedAt: iso(s.completedAt), waitingReason: s.waitingReason })),
      timeline: timeline.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), actor: e.actorName, action: e.action, entity: `${e.entityType}:${e.entityId}`, data: e.data, origin: e.origin ?? null, hash: e.hash ?? null })),
    };
  }

  /** Each version sent, rendered once for its first recipient with the facts the step was sent with. */
  private async samples(
    incident: NonNullable<Awaited<ReturnType<ClockRepository['incident']>>>,
    versions: Awaited<ReturnType<EvidenceReportRepository['sentVersions']>>,
    stepById: Map<string, (typeof incident.steps)[number]>,
    factEdits: { at: Date; before: unknown }[],
  ) {
    const templates = new Map((await this.repo.templates([...new Set(versions.map((v) => v.template_version_id))])).map((t) => [t.id, t]));
    const out = [];
    for (const v of versions) {
      const t = templates.get(v.template_version_id);
      const step = stepById.get(v.step_id);
      if (!t || !step) continue;
      const approved = step.approvedSnapshot as { facts?: unknown } | null;
      // what the sample was rendered with: the approved facts, else the incident's facts as they stood when it was sent
      const facts = approved?.facts ?? factsAt(incident.facts, factEdits, v.sent_at);
      const customer = v.customer_id ? await this.repo.customer(v.customer_id) : null;
      const recipient = customer ?? { externalId: v.recipient, name: null, email: v.recipient, phone: null, locale: t.locale, timezone: 'UTC', attributes: {}, tags: [] };
      // the personal notice link is a credential: the sample shows where it goes, not the token
      const notice = v.customer_id ? { url: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/n/…` } : undefined;
      let sample: { subject?: string; text?: string; html?: string; body?: unknown } | { error: string };
      try {
        sample = this.engine.render(t.id, t, renderContext(recipient, incident, facts, notice, SAMPLE_OFFER));
      } catch (e) {
        sample = { error: (e as Error).message };
      }
      out.push({
        step: step.stepKey,
        channel: v.channel,
        template: { id: t.id, key: t.key, locale: t.locale, version: t.version, createdAt: t.createdAt.toISOString(), createdBy: t.createdByName },
        notifications: Number(v.notifications),
        factsUsed: approved?.facts ? 'the approved snapshot' : `the incident's facts as they stood at ${iso(v.sent_at) ?? 'the report'}`,
        sentAt: iso(v.sent_at),
        sampleRecipient: customer ? customer.externalId : v.recipient,
        sample,
      });
    }
    return out;
  }
}

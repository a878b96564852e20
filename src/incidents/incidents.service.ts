import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { NoticeRepository } from '../notices/notice.repository';
import { computeClocks } from './clocks/regulatory-clocks';
import { IncidentRepository, IncidentWithSchedule } from './incident.repository';
import { latencySummary } from './reach/latency-percentiles';
import { ReachLatencyRepository, StepLatencyBucket } from './reach/reach-latency.repository';

export const NOTIFICATION_STATES = ['pending', 'queued', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'acknowledged', 'suppressed', 'deferred'] as const;
type Counts = Record<(typeof NOTIFICATION_STATES)[number], number>;

const emptyCounts = (): Counts => Object.fromEntries(NOTIFICATION_STATES.map((s) => [s, 0])) as Counts;
const REACHING = ['sent', 'delivered', 'acknowledged'];

/** Per channel, over every step (reminders and fallbacks included): notification counts, and `reached` = sent, delivered or acknowledged. */
export function byChannel(rows: { channel: string; state: string | null; n: bigint | number }[]) {
  const out = new Map<string, Counts & { channel: string; reached: number }>();
  for (const r of rows) {
    if (!r.state) continue;
    const c = out.get(r.channel) ?? { channel: r.channel, reached: 0, ...emptyCounts() };
    out.set(r.channel, c);
    c[r.state as keyof Counts] += Number(r.n);
    if (REACHING.includes(r.state)) c.reached += Number(r.n);
  }
  return [...out.values()];
}

/** `stepReach` (per step id): a completed step whose notices all failed meets no clock. */
export function toIncidentView(i: IncidentWithSchedule, affected: number | undefined, now: Date, stepReach?: Map<string, { reached: number; total: number }>) {
  const reachedNobody = (stepId: string) => {
    const r = stepReach?.get(stepId);
    return !!r && r.total > 0 && r.reached === 0;
  };
  const clocks = computeClocks(
    { type: i.type, jurisdictions: i.jurisdictions, awareAt: i.awareAt, materialityAt: i.materialityAt, affectedCount: affected ?? 0 },
    i.steps.map((s) => ({ stepKey: s.stepKey, meets: (s.definition as { meets?: string[] }).meets ?? [], completedAt: s.completedAt, reachedNobody: reachedNobody(s.id) })),
    now,
  );
  return {
    id: i.id,
    title: i.title,
    type: i.type,
    severity: i.severity,
    state: i.state,
    awareAt: i.awareAt,
    declaredAt: i.declaredAt,
    jurisdictions: i.jurisdictions,
    confirmedAt: i.confirmedAt,
    materialityAt: i.materialityAt,
    facts: i.facts,
    runbook: { key: i.runbookVersion.runbook.key, version: i.runbookVersion.version },
    ...(affected === undefined ? {} : { affected }),
    schedule: i.steps.map((s) => ({
      id: s.id,
      step: s.stepKey,
      audience: s.audience,
      channel: s.channel,
      template: s.templateKey,
      dueAt: s.dueAt,
      state: s.state,
      ...(s.waitingReason ? { waitingReason: s.waitingReason } : {}),
      ...(s.approvedAt ? { approvedBy: s.approvedByName, approvedAt: s.approvedAt } : {}),
      dispatchedAt: s.dispatchedAt,
      completedAt: s.completedAt,
    })),
    clocks,
  };
}

@Injectable()
export class IncidentsService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly clock: Clock,
    private readonly notices: NoticeRepository,
    private readonly latency: ReachLatencyRepository,
  ) {}

  async get(id: string) {
    const incident = await this.incidents.find(id);
    if (!incident) throw AppException.notFound('Incident', id);
    const [affected, stepReach] = await Promise.all([this.incidents.affectedCount(id), this.incidents.stepReach(id)]);
    return toIncidentView(incident, affected, this.clock.now(), stepReach);
  }

  /** Who has been reached: totals, and the same per step and channel. */
  async reach(id: string) {
    const incident = await this.incidents.find(id);
    if (!incident) throw AppException.notFound('Incident', id);
    const [rows, affected, reached, pages, customerLatency, stepLatency] = await Promise.all([
      this.incidents.reachRows(id),
      this.incidents.affectedCount(id),
      this.incidents.reachedCustomers(id),
      this.notices.counts(id),
      this.latency.customers(id),
      this.latency.steps(id),
    ]);
    const stepTimes = (stepId: string, channel: string, kind: StepLatencyBucket['kind']) =>
      latencySummary(stepLatency.filter((b) => b.stepId === stepId && b.channel === channel && b.kind === kind));
    const totals = emptyCounts();
    const steps = new Map<string, { stepId: string; step: string; channel: string; state: string; counts: Counts }>();
    for (const r of rows) {
      const stepChannel = `${r.step_id}/${r.channel}`;
      const s = steps.get(stepChannel) ?? { stepId: r.step_id, step: r.step_key, channel: r.channel, state: r.step_state, counts: emptyCounts() };
      steps.set(stepChannel, s);
      if (!r.state) continue;
      const key = r.state as keyof Counts;
      s.counts[key] += Number(r.n);
      totals[key] += Number(r.n);
    }
    return {
      incidentId: id,
      state: incident.state,
      affected,
      ...totals,
      // customers (not notifications) who opened / acknowledged their notice page
      opened: pages.opened,
      acknowledged: pages.acknowledged,
      reached,
      unreached: affected - reached,
      channels: byChannel(rows),
      // seconds from the declaration: customers to their first reach (a message sent on any step or channel)
      timeToReach: latencySummary(customerLatency),
      steps: [...steps.values()].map((s) => ({
        step: s.step,
        channel: s.channel,
        state: s.state,
        ...s.counts,
        // notifications to their first send, and to the provider's delivery report where there is one
        timeToReach: stepTimes(s.stepId, s.channel, 'sent'),
        timeToDeliver: stepTimes(s.stepId, s.channel, 'delivered'),
      })),
    };
  }
}

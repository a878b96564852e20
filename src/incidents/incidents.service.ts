import { resolvedTiming } from './declare-incident/plan-step';
import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { isReaching } from '../common/reach-definition';
import { ClockStateService } from './clocks/clock-state.service';
import { ClockView, computeClocks } from './clocks/regulatory-clocks';
import { IncidentRepository, IncidentWithSchedule } from './incident.repository';
import { latencySummary } from './reach/latency-percentiles';
import { ReachSnapshotRepository, StepLatencyBucket } from './reach/reach-snapshot.repository';

export const NOTIFICATION_STATES = ['pending', 'queued', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'acknowledged', 'suppressed', 'deferred'] as const;
type Counts = Record<(typeof NOTIFICATION_STATES)[number], number>;

const emptyCounts = (): Counts => Object.fromEntries(NOTIFICATION_STATES.map((s) => [s, 0])) as Counts;

type NoticeRow = { step_id: string; channel: string; opened: bigint | number; acknowledged: bigint | number };

/**
 * Per channel, over every step (reminders and fallbacks included): notification counts, `reached` (notices in
 * a reaching state, src/common/reach-definition.ts), and `opened` / `acknowledged` (notices whose customer
 * opened / acknowledged the notice page once reached; from notice_page, like every other opened/acknowledged).
 */
export function byChannel(rows: { channel: string; state: string | null; n: bigint | number }[], notices: NoticeRow[] = []) {
  const out = new Map<string, Counts & { channel: string; reached: number; opened: number }>();
  const of = (channel: string) => {
    const c = out.get(channel) ?? { channel, reached: 0, opened: 0, ...emptyCounts() };
    out.set(channel, c);
    return c;
  };
  for (const r of rows) {
    if (!r.state) continue;
    const c = of(r.channel);
    if (r.state !== 'acknowledged') c[r.state as keyof Counts] += Number(r.n);
    if (isReaching(r.state)) c.reached += Number(r.n);
  }
  for (const r of notices) {
    const c = of(r.channel);
    c.opened += Number(r.opened);
    c.acknowledged += Number(r.acknowledged);
  }
  return [...out.values()];
}

/** `stepReach` (per step id): a completed step whose notices all failed meets no clock. */
export function toIncidentView(i: IncidentWithSchedule, affected: number | undefined, now: Date, stepReach?: Map<string, { reached: number; total: number }>, clockViews?: ClockView[]) {
  const reachedNobody = (stepId: string) => {
    const r = stepReach?.get(stepId);
    return !!r && r.total > 0 && r.reached === 0;
  };
  // clockViews: read by ClockStateService (authority deliveries, filings, per-State counts); the rest is a fallback
  const clocks = clockViews ?? computeClocks(
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
    resolvedAt: i.resolvedAt,
    materialityAt: i.materialityAt,
    determinedAt: i.determinedAt,
    extortionPaidAt: i.extortionPaidAt,
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
      // timed from the resolved milestone: "after resolution" until then, not a date (docs/offers.md)
      ...(resolvedTiming(s.definition) ? { after: resolvedTiming(s.definition) } : {}),
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
    private readonly snapshots: ReachSnapshotRepository,
    private readonly clockState: ClockStateService,
  ) {}

  async get(id: string) {
    const incident = await this.incidents.find(id);
    if (!incident) throw AppException.notFound('Incident', id);
    const [affected, stepReach] = await Promise.all([this.incidents.affectedCount(id), this.incidents.stepReach(id)]);
    return toIncidentView(incident, affected, this.clock.now(), stepReach, await this.clockState.clocksFor(incident));
  }

  /**
   * Who has been reached: totals, and the same per step and channel. Customers (headline): `reached` now
   * (src/common/reach-definition.ts), `unreached` = affected - reached (the rows of unreached.csv),
   * `opened` / `acknowledged` notice pages. Per step and channel: notification counts by state, `reached`,
   * and `opened` / `acknowledged` (notices whose customer opened / acknowledged once reached).
   */
  async reach(id: string) {
    // one statement (one snapshot) for every figure, and nothing else: not the incident with its steps and
    // runbook (the rows carry the steps), so a dashboard polling it during a fan-out costs one round trip
    const snapshot = await this.snapshots.read(id);
    if (!snapshot) throw AppException.notFound('Incident', id);
    const { rows, customers, notices, customerLatency, stepLatency, claimed } = snapshot;
    const { affected, reached } = customers;
    const stepTimes = (stepId: string, channel: string, kind: StepLatencyBucket['kind']) =>
      latencySummary(stepLatency.filter((b) => b.stepId === stepId && b.channel === channel && b.kind === kind));
    const totals = emptyCounts();
    const steps = new Map<string, { stepId: string; step: string; channel: string; state: string; counts: Counts; reached: number; opened: number }>();
    for (const r of rows) {
      const stepChannel = `${r.step_id}/${r.channel}`;
      const s = steps.get(stepChannel) ?? { stepId: r.step_id, step: r.step_key, channel: r.channel, state: r.step_state, counts: emptyCounts(), reached: 0, opened: 0 };
      steps.set(stepChannel, s);
      if (!r.state) continue;
      const key = r.state as keyof Counts;
      // a notification in state `acknowledged` still counts as reached; acknowledged itself comes from notice_page
      if (key !== 'acknowledged') s.counts[key] += Number(r.n);
      if (isReaching(r.state)) s.reached += Number(r.n);
      totals[key] += Number(r.n);
    }
    for (const n of notices) {
      const s = steps.get(`${n.step_id}/${n.channel}`);
      if (!s) continue;
      s.opened += Number(n.opened);
      s.counts.acknowledged += Number(n.acknowledged);
    }
    return {
      incidentId: id,
      state: snapshot.incidentState,
      affected,
      ...totals,
      // customers (not notifications) who opened / acknowledged their notice page
      opened: customers.opened,
      acknowledged: customers.acknowledged,
      // customers who pressed "Claim" on their remedy offer (src/common/reach-definition.ts)
      claimed,
      reached,
      unreached: Math.max(0, affected - reached),
      channels: byChannel(rows, notices),
      // seconds from the declaration: customers to their first reach (a message sent on any step or channel)
      timeToReach: latencySummary(customerLatency),
      steps: [...steps.values()].map((s) => ({
        step: s.step,
        channel: s.channel,
        state: s.state,
        ...s.counts,
        reached: s.reached,
        opened: s.opened,
        // notifications to their first send, and to the provider's delivery report where there is one
        timeToReach: stepTimes(s.stepId, s.channel, 'sent'),
        timeToDeliver: stepTimes(s.stepId, s.channel, 'delivered'),
      })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { Role, roleSatisfies } from '../../auth/role';
import { IncidentsService } from '../../incidents/incidents.service';
import { ACTIONS, allowedFrom } from '../../incidents/lifecycle/incident-state-machine';
import { IncidentLifecycleRepository } from '../../incidents/lifecycle/incident-lifecycle.repository';
import { type ConsoleUser } from '../sessions/session.service';
import { IncidentListRepository } from './incident-list.repository';
import { RelayStatusStore } from '../../queue/relay-status.store';

const TIMELINE_LIMIT = 200;
const ACTION_LABELS: Record<string, string> = { pause: 'Pause sending', resume: 'Resume', cancel: 'Cancel incident', resolve: 'Mark resolved', close: 'Close' };

/** Turns the incident, its reach report and its audit trail (the API's own services) into what the dashboard shows. */
@Injectable()
export class IncidentDashboardService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly lifecycle: IncidentLifecycleRepository,
    private readonly list: IncidentListRepository,
    private readonly relays: RelayStatusStore,
  ) {}

  async recent(limit = 100) {
    const rows = await this.list.list(limit, null);
    return rows.map((r) => {
      const affected = Number(r.affected ?? 0);
      const reached = Number(r.reached ?? 0);
      return { id: r.id, title: r.title, state: r.state, severity: r.severity, declaredAt: r.declared_at, affected, reached, awaiting: r.awaiting };
    });
  }

  dashboard(id: string, user: ConsoleUser) {
    return this.live(id, user);
  }

  /**
   * Everything on the incident page that changes while it is open — state, reach, schedule, approvals,
   * clocks, the actions this user may take and the timeline — in one object: the page renders it once and its event
   * stream sends it again every 2 seconds, so no part of the page can disagree with another.
   */
  async live(id: string, user: ConsoleUser) {
    const [incident, reach, timeline, relays] = await Promise.all([
      this.incidents.get(id),
      this.incidents.reach(id),
      this.lifecycle.timeline(id, null, TIMELINE_LIMIT),
      this.relays.list().catch(() => []), // Redis away: the page still shows what Postgres knows
    ]);
    const commander = roleSatisfies(user.role, [Role.commander]);
    return {
      timeline: timeline.map((t) => ({ at: t.at, actor: t.actor, action: t.action, summary: summarise(t.data) })).reverse(),
      timelineTruncated: timeline.length === TIMELINE_LIMIT,
      relays,
      incident,
      reach: { ...reach, steps: reach.steps.map((s) => ({ ...s, waiting: waiting(s) })) },
      reachPercent: reach.affected > 0 ? Math.min(100, Math.floor((reach.reached / reach.affected) * 100)) : 0,
      approvals: incident.schedule.filter((s) => s.state === 'awaiting_approval'),
      actions: commander ? ACTIONS.filter((a) => allowedFrom(a).includes(incident.state)).map((a) => ({ action: a, label: ACTION_LABELS[a], danger: a === 'cancel' || a === 'pause' })) : [],
    };
  }

  static actionLabel(action: string): string {
    return ACTION_LABELS[action] ?? action;
  }
}

/** Notices not sent yet: pending, queued, being sent, or deferred (quiet hours). */
export function waiting(counts: object): number {
  const c = counts as Record<string, unknown>;
  return ['pending', 'queued', 'sending', 'deferred'].reduce((n, k) => n + (Number(c[k]) || 0), 0);
}

/** One readable line for an audit entry's data ("before: notifying, after: paused, reason: …"). */
export function summarise(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ')
    .slice(0, 300);
}

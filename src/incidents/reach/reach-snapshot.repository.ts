// The reach report's read model: every figure of GET /incidents/{id}/reach (and of its live stream) in one
// SQL statement over the trigger-maintained counters (src/database/reach-counters.ts) and time-to-reach
// histograms — a few dozen rows whatever the number of notifications.
import { Injectable } from '@nestjs/common';
import { CLAIMED_SQL } from '../../common/reach-definition';
import { PrismaService } from '../../database/prisma.service';
import { LatencyBucket } from './latency-percentiles';

/** Notification count of one step, channel (the step's own or a fallback) and state; a step with none has one row with state null. */
export interface ReachRow {
  step_id: string;
  step_key: string;
  channel: string;
  step_state: string;
  state: string | null;
  n: number;
}

export interface StepLatencyBucket extends LatencyBucket {
  stepId: string;
  channel: string;
  kind: 'sent' | 'delivered';
}

export interface ReachSnapshot {
  incidentState: string;
  rows: ReachRow[];
  customers: { affected: number; reached: number; opened: number; acknowledged: number };
  /** per step and channel: notifications whose customer opened / acknowledged their notice page once reached */
  notices: { step_id: string; channel: string; opened: number; acknowledged: number }[];
  /** customers by the time of their first reach (any step or channel) */
  customerLatency: LatencyBucket[];
  /** notifications per step and channel by the time of their first send and of their delivery */
  stepLatency: StepLatencyBucket[];
  claimed: number;
}

/**
 * One statement, so one snapshot: a send or a bounce commits the counts by state, the customers reached and
 * the histograms together (one trigger), and a single statement sees all of them as of one instant — the
 * report never shows `sent: 2` beside `reached: 0` because two reads straddled that commit. (It used to be
 * a repeatable-read transaction of three reads plus four separate ones and the incident with its steps and
 * runbook: thirteen round trips, BEGIN and COMMIT included, each a Prisma query compilation.)
 * Straight on the pg pool, as the send path's statements (see PrismaService.pool): dashboards poll it.
 * Bigints come back as JSON numbers: counts stay far below 2^53.
 */
const SNAPSHOT_SQL = `
  SELECT i.state::text AS incident_state,
    (SELECT coalesce(json_agg(json_build_object('step_id', r.step_id, 'step_key', r.step_key, 'channel', r.channel, 'step_state', r.step_state, 'state', r.state, 'n', r.n)
                              ORDER BY r.due_at NULLS LAST, r.step_key), '[]')
     FROM (SELECT s.id AS step_id, s.step_key, coalesce(rc.channel, s.channel) AS channel, s.state::text AS step_state, rc.state::text AS state,
                  coalesce(rc.n, 0) AS n, s.due_at
           FROM incident_step s LEFT JOIN reach_counter rc ON rc.step_id = s.id AND rc.n <> 0
           WHERE s.incident_id = i.id) r) AS rows,
    (SELECT json_build_object('affected', c.affected, 'reached', c.reached, 'opened', c.opened, 'acknowledged', c.acknowledged)
     FROM incident_counter c WHERE c.incident_id = i.id) AS customers,
    (SELECT coalesce(json_agg(json_build_object('step_id', x.step_id, 'channel', x.channel, 'opened', x.opened, 'acknowledged', x.acknowledged)), '[]')
     FROM notice_counter x WHERE x.incident_id = i.id) AS notices,
    (SELECT coalesce(json_agg(json_build_object('bucketS', l.bucket_s, 'n', l.n)), '[]')
     FROM incident_reach_latency l WHERE l.incident_id = i.id) AS customer_latency,
    (SELECT coalesce(json_agg(json_build_object('stepId', l.step_id, 'channel', l.channel, 'kind', l.kind, 'bucketS', l.bucket_s, 'n', l.n)), '[]')
     FROM reach_latency l WHERE l.incident_id = i.id) AS step_latency,
    (SELECT count(*) FROM offer_assignment a WHERE a.incident_id = i.id AND ${CLAIMED_SQL.sql})::int AS claimed
  FROM incident i WHERE i.id = $1::uuid`;

interface SnapshotRow {
  incident_state: string;
  rows: ReachRow[];
  customers: ReachSnapshot['customers'] | null;
  notices: ReachSnapshot['notices'];
  customer_latency: LatencyBucket[];
  step_latency: StepLatencyBucket[];
  claimed: number;
}

@Injectable()
export class ReachSnapshotRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** null: no such incident. */
  async read(incidentId: string): Promise<ReachSnapshot | null> {
    const { rows } = await this.prisma.pool.query<SnapshotRow>({ name: 'reach-snapshot', text: SNAPSHOT_SQL, values: [incidentId] });
    const r = rows[0];
    if (!r) return null;
    return {
      incidentState: r.incident_state,
      rows: r.rows,
      customers: r.customers ?? { affected: 0, reached: 0, opened: 0, acknowledged: 0 },
      notices: r.notices,
      customerLatency: r.customer_latency,
      stepLatency: r.step_latency,
      claimed: r.claimed,
    };
  }
}

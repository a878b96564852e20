// What every fault test shares: a population of tens of thousands seeded in one statement, a runbook that
// emails them, a declare, and the figures the issue asks of each fault: lost, duplicates against the
// in-flight bound, and time to recover. Each run appends its row to test/.fault-results.json (the table in
// docs/operations.md and the closing notes come from it).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { inFlightBound } from '../../src/dispatch/send-batch/in-flight-bound';
import { seedRunbook as seedFactoryRunbook } from '../factories/scenario.factory';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { auth, Harness, waitFor } from '../support/harness';

/** At least this many customers in every fault test (the floor). */
export const POPULATION = 20_000;

/** Inserts `n` customers tagged `prefix` in one statement (the API's bulk route would take longer than the fault). */
export async function seedPopulation(databaseUrl: string, prefix: string, n: number): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(
      `INSERT INTO customer (external_id, email, name, locale, attributes, tags, updated_at)
       SELECT $1 || '-' || i, $1 || '-' || i || '@customers.test', 'Customer ' || i, 'en',
              jsonb_build_object('accountNo', 'ACC-' || i), ARRAY[$1], now()
       FROM generate_series(0, $2 - 1) AS i`,
      [prefix, n],
    );
  } finally {
    await pool.end();
  }
}

/** The email template and a published one-step runbook, through the API (the customers are seeded apart). */
export async function seedRunbook(h: Harness, prefix: string): Promise<string> {
  return (await seedFactoryRunbook(h, prefix, 0)).runbook;
}

export async function declare(h: Harness, runbook: string, prefix: string): Promise<string> {
  const res = await h.http
    .post('/api/v1/incidents')
    .set(auth())
    .send({
      runbook,
      title: `Fault campaign ${prefix}`,
      severity: 'high',
      awareAt: new Date(Date.now() - 3600_000).toISOString(),
      facts: { whatHappened: 'An attacker copied names and emails.', hotline: '+1 800 555 0100' },
      affected: { filter: { field: 'tags', eq: prefix } },
    })
    .expect(201);
  return res.body.id as string;
}

export interface FaultFigures {
  fault: string;
  population: number;
  lost: number;
  duplicates: number;
  inFlightBound: number;
  /** seconds from the end of the fault to the next message accepted by the SMTP server */
  resumedAfterS: number;
  /** seconds from the end of the fault until every notification was sent */
  completedAfterS: number;
}

/**
 * Waits until every notification of the incident is `sent` (read from the rows: Postgres is the truth), then
 * counts what the SMTP server got: customers with no message are lost, extra messages are duplicates (each a
 * repeat of the same deterministic Message-ID).
 */
export async function settle(
  opts: { databaseUrl: string; incidentId: string; sink: CountingSmtpSink; prefix: string; n: number; fault: string; faultEndedAt: number; workers: number; config: Harness['config']; timeoutMs?: number },
): Promise<FaultFigures> {
  const pool = new Pool({ connectionString: opts.databaseUrl, max: 1 });
  try {
    await waitFor(
      `all ${opts.n} notifications sent after ${opts.fault}`,
      async () => {
        const { rows } = await pool.query<{ sent: string }>(`SELECT count(*) FILTER (WHERE state = 'sent') AS sent FROM notification WHERE incident_id = $1`, [opts.incidentId]);
        return Number(rows[0].sent) === opts.n;
      },
      opts.timeoutMs ?? 600_000, // a fan-out of 20,000 on a machine with its cores oversubscribed takes minutes
    );
    const completedAt = Date.now();
    const { rows: ids } = await pool.query<{ id: string; recipient: string }>(`SELECT id, recipient FROM notification WHERE incident_id = $1`, [opts.incidentId]);
    const got = opts.sink.byRecipient(`${opts.prefix}-`);
    let lost = 0;
    let duplicates = 0;
    for (const r of ids) {
      const messages = got.get(r.recipient) ?? [];
      if (!messages.length) lost++;
      duplicates += Math.max(0, messages.length - 1);
      // a repeat is the same message: the receiving side can drop it by its Message-ID
      for (const m of messages) if (!m.startsWith(`<${r.id}@`)) throw new Error(`${r.recipient} got a message with Message-ID ${m}, not its notification's`);
    }
    const resumed = opts.sink.accepted.find((a) => a.at >= opts.faultEndedAt && a.to.startsWith(`${opts.prefix}-`));
    const figures: FaultFigures = {
      fault: opts.fault,
      population: opts.n,
      lost: lost + (opts.n - ids.length),
      duplicates,
      inFlightBound: inFlightBound(opts.config, opts.workers),
      resumedAfterS: round(((resumed?.at ?? completedAt) - opts.faultEndedAt) / 1000),
      completedAfterS: round((completedAt - opts.faultEndedAt) / 1000),
    };
    record(figures);
    return figures;
  } finally {
    await pool.end();
  }
}

const round = (x: number) => Math.round(Math.max(0, x) * 10) / 10;

function record(f: FaultFigures): void {
  const dir = path.resolve(__dirname, '..');
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, '.fault-results.json'), JSON.stringify({ at: new Date().toISOString(), ...f }) + '\n');
  console.log(
    `fault: ${f.fault} | population ${f.population} | lost ${f.lost} | duplicates ${f.duplicates} (in-flight bound ${f.inFlightBound}) | resumed ${f.resumedAfterS} s after, all sent ${f.completedAfterS} s after`,
  );
}

/**
 * Starts the harness with `env` (own Redis, own PostgreSQL, the SMTP proxy…) and gives back a stop that also
 * puts back the process environment the harness changed: the test files share one process (runInBand).
 */
export async function startHarness(env: Record<string, string>, workers: number): Promise<{ h: Harness; stop: () => Promise<void> }> {
  const saved = { ...process.env };
  const h = await Harness.start({ workers, env: { LOG_LEVEL: 'warn', ...env } });
  return {
    h,
    stop: async () => {
      await h.stop();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    },
  };
}

/** Settings of the fault runs: the product's defaults, except a quick reconciler so tests do not wait on it. */
export const FAULT_ENV = { RECONCILE_INTERVAL_MS: '1000' };

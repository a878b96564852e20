// One warning when a backing service (PostgreSQL, Redis) becomes unreachable and one when it is back, with
// the duration and how many errors were folded in: an outage is not a stream of stack traces.
import { Logger } from '@nestjs/common';
import { types } from 'node:util';

export type Dependency = 'postgres' | 'redis';

const LABEL: Record<Dependency, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

interface Outage {
  since: number;
  errors: number;
}

export class OutageLog {
  private readonly down = new Map<Dependency, Outage>();

  constructor(private readonly warn: (line: string) => void = (line) => new Logger('Outage').warn(line)) {}

  /** An error talking to `what`: the first of an outage is logged (one line), the rest are counted. */
  failed(what: Dependency, error: unknown): void {
    const o = this.down.get(what);
    if (o) {
      o.errors++;
      return;
    }
    this.down.set(what, { since: Date.now(), errors: 1 });
    this.warn(`${LABEL[what]} unreachable: ${firstLine(error)} (one line per outage; retrying)`);
  }

  /** `what` answered: ends its outage, if there was one. */
  ok(what: Dependency): void {
    const o = this.down.get(what);
    if (!o) return;
    this.down.delete(what);
    const seconds = ((Date.now() - o.since) / 1000).toFixed(1);
    this.warn(`${LABEL[what]} reachable again after ${seconds} s (${o.errors} errors during the outage)`);
  }

  /** Since when `what` has been unreachable, as this process sees it. */
  since(what: Dependency): Date | undefined {
    const o = this.down.get(what);
    return o && new Date(o.since);
  }
}

/** The process's one outage log (ioredis clients, the pg pool and the error filter all report to it). */
export const outages = new OutageLog();

/**
 * An Error, from this realm or another: errors raised by Node itself (a refused socket, a DNS failure) are
 * created in Node's own realm, and where code runs in a separate VM context (Jest's test environment) they
 * fail `instanceof Error` — an ECONNREFUSED from the pg pool then looked like an unknown failure (a 500).
 */
export function isError(e: unknown): e is Error {
  return e instanceof Error || types.isNativeError(e);
}

function firstLine(error: unknown): string {
  const message = isError(error) ? error.message : String(error);
  return (message.split('\n').find((l) => l.trim()) ?? 'unknown error').trim().slice(0, 300);
}

/**
 * Which backing service an error says is unreachable, if any: a lost or refused connection, not an error
 * in a query. Used to turn such errors into one outage line (and a 503) instead of a stack trace each.
 */
export function unreachableDependency(e: unknown): Dependency | undefined {
  if (!isError(e)) return undefined;
  const text = `${e.name}: ${e.message}`;
  const code = (e as { code?: string }).code ?? '';
  const prisma = e.name.startsWith('PrismaClient');
  const redis =
    e.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|the queue \(Redis\) did not answer|Command timed out/.test(e.message) ||
    (CONNECTION.test(text) && /redis|6379/i.test(e.stack ?? ''));
  if (redis && !prisma) return 'redis';
  if (e.name === 'PrismaClientInitializationError' || ['P1001', 'P1002', 'P1017', 'P2024'].includes(code)) return 'postgres';
  if (CONNECTION.test(text) || PG_CONNECTION.test(text)) return 'postgres';
  return undefined;
}

const CONNECTION = /ECONNREFUSED|ECONNRESET|connect ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE/;
/** node-postgres and PostgreSQL's own words for a connection that went away (a restart, a terminated backend) */
const PG_CONNECTION = /Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down)|Client has encountered a connection error|timeout exceeded when trying to connect|connection to server/i;

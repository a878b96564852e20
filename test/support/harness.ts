// Boots the real API and real worker(s) in this process, against the run's PostgreSQL database, Redis
// (with this run's queue prefix) and an in-process SMTP sink.
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import path from 'node:path';
import request from 'supertest';
import { createApi, createWorker } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/config.schema';
import { PrismaService } from '../../src/database/prisma.service';
import { ReconcilerService } from '../../src/dispatch/reconciler.service';
import { OpenApiContract } from './openapi-contract';
import { SmtpSink } from './smtp-sink';

export const ADMIN_KEY = 'test-admin-key-0123456789-abcdefghij';

/** Tests poll and seed far faster than a person: request limits are tested on their own (throttling.e2e.spec.ts). */
export const RELAXED_THROTTLING = { THROTTLE_PER_KEY: '1000000', THROTTLE_PER_ADDRESS: '1000000', THROTTLE_HIGH_VOLUME_PER_KEY: '1000000', THROTTLE_SENSITIVE_PER_MINUTE: '100000', THROTTLE_AUTH_FAILURES: '100000' };

export interface HarnessOptions {
  workers?: number;
  env?: Record<string, string>;
}

export class Harness {
  readonly sink = new SmtpSink();
  api!: INestApplication;
  workers: INestApplicationContext[] = [];
  config!: AppConfig;
  /** the served OpenAPI document: every answer `http` receives is checked against it */
  contract!: OpenApiContract;

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness();
    await h.sink.start();
    h.config = loadConfig({
      ...process.env,
      SMTP_URL: h.sink.url,
      PUBLIC_URL: 'http://tocsin.test',
      MAIL_FROM: 'Acme Security <security@acme.test>',
      TOCSIN_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
      RECONCILE_INTERVAL_MS: '300',
      ...RELAXED_THROTTLING,
      ...opts.env,
    });
    Object.assign(process.env, { SMTP_URL: h.config.SMTP_URL, PUBLIC_URL: h.config.PUBLIC_URL, MAIL_FROM: h.config.MAIL_FROM, TOCSIN_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', RECONCILE_INTERVAL_MS: '300', ...RELAXED_THROTTLING, ...opts.env });
    h.api = await createApi(h.config);
    await h.api.init();
    const doc = await request(h.api.getHttpServer()).get('/docs/openapi.json').expect(200);
    h.contract = new OpenApiContract(doc.body);
    for (let i = 0; i < (opts.workers ?? 1); i++) await h.startWorker();
    return h;
  }

  async startWorker(): Promise<INestApplicationContext> {
    const w = await createWorker(this.config);
    this.workers.push(w);
    return w;
  }

  async stopWorkers(): Promise<void> {
    for (const w of this.workers.splice(0)) await w.close();
  }

  /** supertest on the API; each answer is checked against the OpenAPI document (see openapi-contract.ts) */
  get http(): ReturnType<typeof request> {
    return checkedAgent(request(this.api.getHttpServer()), this.contract);
  }

  get prisma(): PrismaService {
    return this.api.get(PrismaService);
  }

  reconciler(): ReconcilerService {
    return this.workers[0].get(ReconcilerService);
  }

  async stop(): Promise<void> {
    this.contract?.flush(path.relative(process.cwd(), expect.getState().testPath ?? 'unknown'));
    await this.stopWorkers();
    await this.api?.close();
    await this.sink.stop();
  }
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** Wraps each request's `end` (which `then` and `expect` go through) so the answer is checked once it arrives. */
function checkedAgent<T extends object>(agent: T, contract: OpenApiContract): T {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !METHODS.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const test = (value as (...a: unknown[]) => request.Test).apply(target, args);
        const end = test.end.bind(test);
        test.end = ((fn?: (err: Error | null, res: request.Response) => void) =>
          end((err, res) => {
            let failure: Error | null = err;
            if (res && contract) {
              try {
                contract.check(test.method, test.url, { status: res.status, headers: res.headers as Record<string, string>, body: res.body, text: res.text });
              } catch (e) {
                failure = err ? new Error(`${err.message}\n${(e as Error).message}`) : (e as Error);
              }
            }
            fn?.(failure, res);
          })) as typeof test.end;
        return test;
      };
    },
  });
}

export const auth = (key = ADMIN_KEY) => ({ Authorization: `Bearer ${key}` });

/**
 * Polls until the condition holds. The default bound is generous on purpose: the suite must hold with the
 * cores oversubscribed (a machine at load 20 sends 300 emails in more than 30 s), and a bound only costs
 * time when a test is failing anyway.
 */
const MIN_WAIT_MS = 120_000;

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = MIN_WAIT_MS): Promise<T> {
  const start = Date.now();
  const bound = Math.max(timeoutMs, MIN_WAIT_MS); // a shorter bound given for a quiet machine does not hold on a busy one
  let last: unknown;
  for (;;) {
    const v = await probe();
    if (v) return v;
    last = v;
    if (Date.now() - start > bound) throw new Error(`timed out after ${bound} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

import { Clock } from '../../common/time/clock';
import type { AppConfig } from '../../config/config.module';
import type { NoticeRepository } from '../../notices/notice.repository';
import type { PopulationRepository } from '../../incidents/population/population.repository';
import type { DispatchQueue } from '../../queue/dispatch-queue.service';
import type { FallbackService } from '../fallback.service';
import type { LateAdditionsRepository } from '../late-additions.repository';
import type { NotificationRepository } from '../notification.repository';
import type { StepContext, StepRepository } from '../step.repository';
import { FanoutStepUseCase } from './fanout-step.usecase';

/** A promise settled from outside: a page's statement that "takes a while". */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));
const PAGE = 2;
/** keyset pages of PAGE over these customer ids: a, b | c, d | e */
const IDS = ['a', 'b', 'c', 'd', 'e'];

function setup(concurrency: number, batch = { size: 100, jobs: 2 }) {
  const events: string[] = [];
  const pages = new Map<string, ReturnType<typeof deferred<{ pageSize: number; batches: { jobId: string; ids: string[] }[] }>>>();
  const step = {
    id: 'step-1',
    incidentId: 'inc-1',
    stepKey: 'notify',
    channel: 'email',
    audience: 'affected_customers',
    definition: {},
    state: 'scheduled',
    dueAt: new Date(0),
    approvedAt: null,
    fanoutCursor: null,
    incident: { id: 'inc-1', state: 'notifying', declaredAt: new Date(0) },
  } as unknown as StepContext;
  const steps = {
    load: async () => step,
    startFanout: async () => true,
    markNotifying: async () => undefined,
    incidentState: async () => 'notifying',
    saveCursor: async (_id: string, cursor: string) => void events.push(`cursor ${cursor}`),
    markDispatched: async () => void events.push('dispatched'),
    completeIfDone: async () => false,
  } as unknown as StepRepository;
  const notifications = {
    nextRange: async (_incident: string, after: string | null, limit: number) => {
      const rest = IDS.filter((id) => after === null || id > after).slice(0, limit);
      return { last: rest.at(-1) ?? null, count: rest.length };
    },
    materializePage: (_i: string, _s: string, _c: string, after: string | null, last: string) => {
      events.push(`start ${last}`);
      const d = deferred<{ pageSize: number; batches: { jobId: string; ids: string[] }[] }>();
      pages.set(last, d);
      return d.promise;
    },
  } as unknown as NotificationRepository;
  const queue = { addSendBatches: async (b: { jobId: string }[]) => void events.push(`jobs ${b.map((x) => x.jobId).join(',')}`) } as unknown as DispatchQueue;
  const noticePages = { createForRange: async () => 0 } as unknown as NoticeRepository;
  const population = { isComplete: async () => true, insertOnePage: async () => false } as unknown as PopulationRepository;
  const fallback = { fallbackOf: () => null } as unknown as FallbackService;
  const clock = { now: () => new Date(1000) } as Clock;
  const config = { FANOUT_PAGE_SIZE: PAGE, FANOUT_CONCURRENCY: concurrency, SEND_BATCH_SIZE: batch.size, WORKER_CONCURRENCY: batch.jobs } as AppConfig;
  const usecase = new FanoutStepUseCase(steps, notifications, queue, clock, {} as LateAdditionsRepository, fallback, config, noticePages, population);
  const page = (last: string) => pages.get(last)!;
  const done = (last: string) => page(last).resolve({ pageSize: 0, batches: [{ jobId: `job-${last}`, ids: [last] }] });
  return { usecase, events, page, done, started: () => [...pages.keys()] };
}

describe(FanoutStepUseCase.name, () => {
  it('materialises pages side by side, and moves the cursor only over pages that are done, in order', async () => {
    const f = setup(2);
    const run = f.usecase.execute('step-1');
    await flush();
    // two pages at once; the third waits for a slot
    expect(f.started()).toEqual(['b', 'd']);
    // the second page finishes first: its jobs go out, but the cursor does not pass the first page
    f.done('d');
    await flush();
    expect(f.events).toContain('jobs job-d');
    expect(f.events.filter((e) => e.startsWith('cursor'))).toEqual([]);
    f.done('b');
    await flush();
    expect(f.events.filter((e) => e.startsWith('cursor'))).toEqual(['cursor b', 'cursor d']);
    expect(f.started()).toEqual(['b', 'd', 'e']);
    f.done('e');
    const result = await run;
    expect(result).toEqual(expect.objectContaining({ status: 'success' }));
    expect(f.events.filter((e) => e.startsWith('cursor') || e === 'dispatched')).toEqual(['cursor b', 'cursor d', 'cursor e', 'dispatched']);
  });

  it('one page at a time when FANOUT_CONCURRENCY is 1', async () => {
    const f = setup(1);
    const run = f.usecase.execute('step-1');
    await flush();
    expect(f.started()).toEqual(['b']);
    f.done('b');
    await flush();
    expect(f.started()).toEqual(['b', 'd']);
    f.done('d');
    await flush();
    f.done('e');
    await run;
    expect(f.events.filter((e) => e.startsWith('cursor'))).toEqual(['cursor b', 'cursor d', 'cursor e']);
  });

  it("starts with a small page, a batch for each of a worker's job slots, then full pages", async () => {
    const f = setup(1, { size: 1, jobs: 1 });
    const run = f.usecase.execute('step-1');
    for (const last of ['a', 'c', 'e']) {
      await flush();
      f.done(last);
    }
    await run;
    expect(f.started()).toEqual(['a', 'c', 'e']);
  });

  it('a page that fails stops the fan-out with its error once the other pages have settled, the cursor before it', async () => {
    const f = setup(2);
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const run = f.usecase.execute('step-1');
      await flush();
      // the later page fails while the first still runs: nothing may be left rejected and unawaited
      f.page('d').reject(new Error('connection lost'));
      await flush();
      f.done('b');
      await flush();
      // whatever else started meanwhile finishes (a page already failed stays failed)
      for (const last of f.started()) f.done(last);
      await expect(run).rejects.toThrow('connection lost');
      expect(f.events.filter((e) => e.startsWith('cursor') || e === 'dispatched')).toEqual(['cursor b']);
      await flush();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  }, 10_000);
});

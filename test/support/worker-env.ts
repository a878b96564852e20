// Runs in each Jest worker before every test file (jest.config.js `setupFiles`): points the file at its worker's
// own database and queue prefix, made by global-setup.ts. Two files running at the same time then never see
// each other's rows, counters or jobs; files in the same worker run one after the other, as in one process.
import { workerDatabase } from './run-databases';

const base = process.env.TOCSIN_TEST_DB;
const id = Number(process.env.JEST_WORKER_ID ?? '1');
const workers = Number(process.env.TOCSIN_TEST_WORKERS ?? '1');
if (base && process.env.DATABASE_URL) {
  // a worker restarted by Jest (workerIdleMemoryLimit) keeps its id; an id beyond the databases made is a bug here
  if (!(id >= 1 && id <= workers)) throw new Error(`Jest worker ${id} has no database: the setup made ${workers} (maxWorkers)`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${workerDatabase(base, id)}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX?.replace(/-w\d+$/, '')}-w${id}`;
}

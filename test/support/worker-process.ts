// A Tocsin worker as a real child process (src/worker.ts through ts-node, transpile only), so a test can
// SIGKILL it the way an OOM killer or a node failure would: no shutdown hook, no graceful close.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export class WorkerProcess {
  private output = '';
  private exited?: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {}

  /** Starts a worker with the test process's environment plus `env`; resolves once it logged that it started. */
  static async start(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', path.join(ROOT, 'src/worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', LOG_LEVEL: 'log', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const w = new WorkerProcess(child);
    w.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const onData = (chunk: Buffer) => {
      w.output = (w.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL'); // never leave a half-started worker behind
        reject(new Error(`worker did not start within ${timeoutMs} ms:\n${w.output}`));
      }, timeoutMs);
      const check = () => {
        if (w.output.includes('worker started')) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code} before starting:\n${w.output}`));
      });
    });
    return w;
  }

  get log(): string {
    return this.output;
  }

  /** kill -9: the process dies at once, whatever it was doing. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

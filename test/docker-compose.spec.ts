// Static checks of the container setup (no Docker needed): docker-compose.yml, Dockerfile and
// .dockerignore are parsed and checked against what the application requires at boot.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../src/config/config.schema';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Service = {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: unknown[];
  container_name?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  restart?: string;
  stop_grace_period?: string;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const compose = parse(read('docker-compose.yml')) as Compose;
const services = compose.services;

/** Compose interpolation as `docker compose` does it with nothing set in the shell: `${VAR:-default}` / `${VAR-default}` become the default, `$$` a literal `$`. */
const interpolate = (value: string): string =>
  value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1').replace(/\$\$/g, '$');

/** A service's environment as the container sees it (map or `KEY=value` list form). */
function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line) => {
        const i = line.indexOf('=');
        return [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v)]));
}

const commandOf = (service: Service): string =>
  Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');

const buildContextOf = (service: Service): string | undefined =>
  typeof service.build === 'string' ? service.build : service.build?.context;

/** The variables config.schema.ts cannot do without: no default, not optional. */
const requiredVariables = Object.entries(configSchema.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([name]) => name);

describe('docker-compose.yml', () => {
  it('defines the api, worker, postgres, redis, mailpit and migrate services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['api', 'worker', 'postgres', 'redis', 'mailpit', 'migrate']));
  });

  it('runs Redis with AOF persistence and the noeviction policy BullMQ needs', () => {
    const command = commandOf(services.redis);
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('noeviction');
    expect(services.redis.healthcheck?.test).toEqual(expect.arrayContaining(['redis-cli', 'ping']));
  });

  it('health-checks PostgreSQL with pg_isready and keeps its data in a named volume', () => {
    expect(JSON.stringify(services.postgres.healthcheck?.test)).toContain('pg_isready');
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['postgres-data', 'redis-data']));
  });

  it('applies migrations once with npm run db:migrate after PostgreSQL is healthy', () => {
    const migrate = services.migrate;
    expect(buildContextOf(migrate)).toBe('.');
    expect(commandOf(migrate)).toBe('npm run db:migrate');
    expect(migrate.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(migrate.restart).toBe('no');
    expect(environmentOf(migrate).DATABASE_URL).toBe(environmentOf(services.api).DATABASE_URL);
  });

  describe.each(['api', 'worker'])('the %s service', (name) => {
    const service = services[name];

    it('builds the image from the project directory', () => {
      expect(buildContextOf(service)).toBe('.');
    });

    it('starts only after migrations completed successfully, Redis is healthy and Mailpit has started', () => {
      expect(service.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
        mailpit: { condition: 'service_started' },
      });
    });

    it('sets every variable the configuration requires', () => {
      expect(requiredVariables.sort()).toEqual(['DATABASE_URL', 'MAIL_FROM', 'PUBLIC_URL', 'REDIS_URL', 'SMTP_URL']);
      const env = environmentOf(service);
      for (const variable of requiredVariables) expect(env[variable]).toEqual(expect.any(String));
    });

    it('has an environment that passes loadConfig once ${VAR:-default} is replaced by its default', () => {
      const env = environmentOf(service);
      expect(JSON.stringify(env)).not.toContain('${');
      const config = loadConfig({ NODE_ENV: 'production', ...env });
      expect(config).toMatchObject({
        DATABASE_URL: 'postgresql://tocsin:tocsin@postgres:5432/tocsin',
        REDIS_URL: 'redis://redis:6379',
        SMTP_URL: 'smtp://mailpit:1025',
      });
      expect(config.TOCSIN_ADMIN_KEY?.length).toBeGreaterThanOrEqual(24);
    });
  });

  it('gives api and worker the same environment', () => {
    expect(environmentOf(services.worker)).toEqual(environmentOf(services.api));
  });

  it('publishes the API on port 3000 and health-checks it through /health', () => {
    expect(services.api.ports).toEqual(['3000:3000']);
    expect(commandOf(services.api)).toBe('node dist/main.js');
    expect(JSON.stringify(services.api.healthcheck?.test)).toContain('http://127.0.0.1:3000/health');
  });

  it('publishes no worker ports and names no worker container, so the worker can be scaled', () => {
    expect(commandOf(services.worker)).toBe('node --max-semi-space-size=64 dist/worker.js');
    expect(services.worker.ports).toBeUndefined();
    expect(services.worker.container_name).toBeUndefined();
  });

  it('gives the worker 30 s to finish active jobs on shutdown', () => {
    expect(services.worker.stop_grace_period).toBe('30s');
  });

  it('exposes the Mailpit web UI on 8025 and its SMTP port on 1025', () => {
    expect(services.mailpit.ports).toEqual(expect.arrayContaining(['8025:8025', '1025:1025']));
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  // instructions with line continuations joined and comments dropped
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: string[][] = [];
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) stages.push([line]);
    else stages.at(-1)?.push(line);
  }
  const buildStage = stages[0] ?? [];
  const runtimeStage = stages.at(-1) ?? [];
  const runs = (stage: string[]) => stage.filter((l) => /^RUN\s/i.test(l)).join('\n');

  it('has at least two stages on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM\s+node:20-bookworm-slim\b/i);
  });

  it('never downloads anything itself, so no Prisma engine is fetched', () => {
    expect(dockerfile).not.toMatch(/\bcurl\b/i);
    expect(dockerfile).not.toMatch(/\bwget\b/i);
  });

  it('installs, builds, prunes dev dependencies and regenerates the Prisma client in the build stage', () => {
    const commands = runs(buildStage);
    expect(commands).toContain('npm ci');
    expect(commands).toMatch(/npm run build[\s\S]*npm prune --omit=dev[\s\S]*prisma generate --config prisma\/prisma\.config\.ts/);
  });

  it('runs the runtime stage as the unprivileged node user', () => {
    expect(runtimeStage).toContain('USER node');
    const userLines = runtimeStage.filter((l) => /^USER\s/i.test(l));
    expect(userLines.at(-1)).toBe('USER node');
  });

  it('copies node_modules, dist, prisma, templates and package.json into the runtime stage', () => {
    const copies = runtimeStage.filter((l) => /^COPY\s/i.test(l)).join('\n');
    for (const item of ['node_modules', 'dist', 'prisma', 'templates', 'package.json']) expect(copies).toContain(`/app/${item}`);
  });

  it('configures production, the JS Prisma engine and port 3000, and starts the API by default', () => {
    const env = runtimeStage.filter((l) => /^ENV\s/i.test(l)).join(' ');
    expect(env).toContain('NODE_ENV=production');
    expect(env).toContain('PRISMA_QUERY_ENGINE_LIBRARY=/dev/null');
    expect(env).toContain('CHECKPOINT_DISABLE=1');
    expect(runtimeStage).toContain('EXPOSE 3000');
    expect(runtimeStage.at(-1)).toBe('CMD ["node", "dist/main.js"]');
  });
});

describe('.dockerignore', () => {
  const ignored = read('.dockerignore')
    .split(/\r?\n/)
    .map((l) => l.trim());

  it('keeps local builds, dependencies, git history, logs and secrets out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'coverage', '*.log', '.env']));
  });
});

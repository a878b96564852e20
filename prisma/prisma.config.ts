// Prisma CLI configuration. Runs fully offline: the JS engine with the pg driver adapter,
// no native engine download (see docs/environment notes in README).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= '/dev/null';
process.env.CHECKPOINT_DISABLE ??= '1';

import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const connectionString = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/tocsin';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
  adapter: async () => new PrismaPg({ connectionString, idleTimeoutMillis: 200 }),
});

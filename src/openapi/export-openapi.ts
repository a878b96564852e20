// Writes the OpenAPI document without a running server (nothing connects: the app is built, never
// initialised), and regenerates the committed TypeScript types from it:
//   npm run api:doc [-- out.json]    npm run api:types
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Placeholders: building the document reads the configuration but opens no connection. */
const OFFLINE_ENV = {
  DATABASE_URL: 'postgresql://offline@127.0.0.1:1/offline',
  REDIS_URL: 'redis://127.0.0.1:1',
  SMTP_URL: 'smtp://127.0.0.1:1',
  PUBLIC_URL: 'https://tocsin.example.com',
  MAIL_FROM: 'Tocsin <tocsin@example.com>',
  NOTICE_TOKEN_SECRET: 'offline-document-export-not-a-secret-0123456789',
  LOG_LEVEL: 'error',
};

export async function exportOpenApiDocument(): Promise<OpenAPIObject> {
  Object.assign(process.env, OFFLINE_ENV); // a developer's own settings must not change the document
  // loaded after the environment is set: modules read it when they are built
  const { createApi } = require('../bootstrap') as typeof import('../bootstrap');
  const { loadConfig } = require('../config/config.schema') as typeof import('../config/config.schema');
  const { SwaggerModule } = require('@nestjs/swagger') as typeof import('@nestjs/swagger');
  let captured: OpenAPIObject | undefined;
  const setup = SwaggerModule.setup;
  SwaggerModule.setup = ((_p: string, _a: unknown, doc: OpenAPIObject) => void (captured = doc)) as typeof SwaggerModule.setup;
  try {
    await createApi(loadConfig(process.env));
  } finally {
    SwaggerModule.setup = setup;
  }
  if (!captured) throw new Error('createApi did not set up the OpenAPI document');
  return captured;
}

export const API_TYPES_FILE = path.resolve(__dirname, '../api/openapi-types.ts');

if (require.main === module) {
  (async () => {
    const doc = await exportOpenApiDocument();
    if (process.argv[2] === '--types') {
      const { generateApiTypes } = require('./generate-api-types') as typeof import('./generate-api-types');
      writeFileSync(API_TYPES_FILE, await generateApiTypes(doc));
      console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
    } else if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(doc, null, 2) + '\n');
    else process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    process.exit(0);
  })().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

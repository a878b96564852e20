import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './bootstrap';
import { ConfigError, loadConfig } from './config/config.schema';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('Tocsin').log(`API listening on :${config.PORT} (OpenAPI at /docs, health at /health)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

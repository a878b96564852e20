import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApi } from './bootstrap';
import { ConfigError, loadConfig } from './config/config.schema';
import { bootSummary } from './operations/boot-summary';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('Tocsin').log(bootSummary(config, `http://0.0.0.0:${config.PORT}`));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});

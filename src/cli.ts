import 'reflect-metadata';
import { runCli } from './cli/cli';
import { ConfigError } from './config/config.schema';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);

import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { ROLES, Role } from './auth/role';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { ConfigError } from './config/config.schema';
import { DatabaseModule } from './database/database.module';

@Module({ imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule, AuthModule] })
class CliModule {}

const USAGE = `usage:
  node dist/cli.js create-key --name <name> --role <${ROLES.join('|')}>
      creates an API key and prints its secret (shown once)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-key') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' } } });
  if (!values.name || !values.role || !ROLES.includes(values.role as Role)) {
    console.error(USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const key = await app.get(AuthService).createKey(values.name, values.role as Role);
    console.log(`created ${key.role} key '${key.name}' (${key.id})`);
    console.log(`secret (shown once): ${key.secret}`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  },
);

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { ROLES, Role } from '../auth/role';
import { CommonModule } from '../common/common.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { ImportCustomersUseCase } from '../imports/import-customers/import-customers.usecase';
import { ImportRepository } from '../imports/import.repository';
import { ImportsService } from '../imports/imports.service';
import { ImportQueue } from '../queue/import-queue.service';
import { CliUsersModule, CREATE_USER_USAGE, parseCreateUserArgs, readPassword, runCreateUser, validateCreateUser } from './create-user-command';
import { IMPORT_USAGE, parseImportArgs, runImport } from './import-command';

@Module({ imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule, AuthModule] })
class CliModule {}

/** The import command runs the import in this process: no worker or queue needed (hence no job is added). */
@Module({
  imports: [ConfigModule, CommonModule, DatabaseModule],
  providers: [ImportsService, ImportRepository, ImportCustomersUseCase, { provide: ImportQueue, useValue: { enqueue: async () => undefined } }],
})
export class CliImportModule {}

export const USAGE = `usage:
  node dist/cli.js create-key --name <name> --role <${ROLES.join('|')}>
      creates an API key and prints its secret (shown once)
${CREATE_USER_USAGE}
${IMPORT_USAGE}`;

/** The operator CLI; returns the process exit code. Output goes through `out`/`err` so tests can read it. */
export async function runCli(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create-user') {
    const args = parseCreateUserArgs(rest);
    const input = typeof args === 'string' ? args : validateCreateUser(args, args.passwordStdin ? await readPassword(stdin) : undefined);
    if (typeof input === 'string') {
      err(`${input}\n${USAGE}`);
      return 2;
    }
    const app = await NestFactory.createApplicationContext(CliUsersModule, { logger: ['error', 'warn'] });
    try {
      return await runCreateUser(app, input, out, err);
    } finally {
      await app.close();
    }
  }
  if (command === 'import') {
    const args = parseImportArgs(rest);
    if (typeof args === 'string') {
      err(`${args}\n${USAGE}`);
      return 2;
    }
    const app = await NestFactory.createApplicationContext(CliImportModule, { logger: ['error', 'warn'] });
    try {
      return await runImport(app, args, out);
    } finally {
      await app.close();
    }
  }
  if (command !== 'create-key') {
    err(USAGE);
    return 2;
  }
  let values: { name?: string; role?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' } } }));
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.name?.trim() || !values.role || !ROLES.includes(values.role as Role)) {
    err(USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const key = await app.get(AuthService).createKey(values.name.trim(), values.role as Role);
    out(`created ${key.role} key '${key.name}' (${key.id})`);
    out(`secret (shown once): ${key.secret}`);
    return 0;
  } finally {
    await app.close();
  }
}

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { AppException } from '../common/errors/app.exception';
import { requestContext } from '../common/request-context';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { ImportCustomersUseCase } from '../imports/import-customers/import-customers.usecase';
import { ImportRepository } from '../imports/import.repository';
import { ImportsService } from '../imports/imports.service';
import { ImportQueue } from '../queue/import-queue.service';
import { CliUsersModule, CREATE_USER_USAGE, parseCreateUserArgs, readPassword, runCreateUser, validateCreateUser } from './create-user-command';
import { IMPORT_USAGE, parseImportArgs, runImport } from './import-command';
import { DOCTOR_USAGE, runDoctor } from '../operations/doctor/doctor';
import { CliKeysModule, KEY_USAGE, parseKeyCommand } from './key-commands';

/** The import command runs the import in this process: no worker or queue needed (hence no job is added). */
@Module({
  imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule],
  providers: [ImportsService, ImportRepository, ImportCustomersUseCase, { provide: ImportQueue, useValue: { enqueue: async () => undefined } }],
})
export class CliImportModule {}

export const USAGE = `usage:
${KEY_USAGE}
${CREATE_USER_USAGE}
${IMPORT_USAGE}
${DOCTOR_USAGE}`;

/** The operator CLI; returns the process exit code. Output goes through `out`/`err` so tests can read it. */
export function runCli(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  // audit rows written by a command say they came from the CLI
  return requestContext.run({ origin: 'cli' }, () => runCommand(argv, out, err, stdin));
}

async function runCommand(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv;
  // needs no valid configuration to run: saying what is wrong with it is its job
  if (command === 'doctor') {
    if (rest.length) {
      err(`doctor takes no arguments\n${USAGE}`);
      return 2;
    }
    return runDoctor(process.env, out);
  }
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
  const keyCommand = parseKeyCommand(command, rest);
  if (keyCommand === null || typeof keyCommand === 'string') {
    err(keyCommand ? `${keyCommand}\n${USAGE}` : USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(CliKeysModule, { logger: ['error', 'warn'] });
  try {
    return await keyCommand.run(app, out, err);
  } catch (e) {
    if (e instanceof AppException) {
      err(e.message);
      return 1;
    }
    throw e;
  } finally {
    await app.close();
  }
}

import { INestApplicationContext, Module } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { AppException } from '../common/errors/app.exception';
import { ConfigModule } from '../config/config.module';
import { createUserSchema, type CreateUserInput, USER_ROLES } from '../console/users/dto/create-user.dto';
import { UsersModule } from '../console/users/users.module';
import { UsersService } from '../console/users/users.service';
import { DatabaseModule } from '../database/database.module';

@Module({ imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule, UsersModule] })
export class CliUsersModule {}

export const CREATE_USER_USAGE = `  node dist/cli.js create-user --email <email> --name <name> --role <${USER_ROLES.join('|')}> [--password-stdin]
      creates a console user; prints a generated password (shown once) unless one is read from stdin`;

/** Parses create-user's arguments; a string is the reason they are wrong. */
export function parseCreateUserArgs(rest: string[]): { email: string; name: string; role: string; passwordStdin: boolean } | string {
  try {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    });
    if (!values.email || !values.name || !values.role) return 'create-user needs --email, --name and --role';
    return { email: values.email, name: values.name, role: values.role, passwordStdin: !!values['password-stdin'] };
  } catch (e) {
    return (e as Error).message;
  }
}

/** The first line of stdin (a trailing newline from `echo` or a password manager is not part of it). */
export async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let data = '';
  for await (const chunk of stdin) {
    data += chunk.toString();
    if (data.length > 1000) break;
  }
  return data.split(/\r?\n/)[0];
}

export async function runCreateUser(app: INestApplicationContext, input: CreateUserInput, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    const { user, password } = await app.get(UsersService).create(input, null);
    out(`created ${user.role} user ${user.email} (${user.id})`);
    if (password) out(`password (shown once): ${password}`);
    return 0;
  } catch (e) {
    if (e instanceof AppException) {
      err(e.message);
      return 1;
    }
    throw e;
  }
}

export function validateCreateUser(args: { email: string; name: string; role: string }, password: string | undefined): CreateUserInput | string {
  const parsed = createUserSchema.safeParse({ email: args.email, name: args.name, role: args.role, ...(password !== undefined ? { password } : {}) });
  return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

// CLI: create-key, list-keys, revoke-key, and audit verify. Each boots the small module it needs.
import { INestApplicationContext, Module } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { AuditModule } from '../audit/audit.module';
import { AuditService } from '../audit/audit.service';
import { AuthCoreModule } from '../auth/auth.module';
import { AuthService } from '../auth/auth.service';
import { ROLES, Role } from '../auth/role';
import { CommonModule } from '../common/common.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { auditVerificationLines } from './api-reports';

@Module({ imports: [ConfigModule, CommonModule, DatabaseModule, AuditModule, AuthCoreModule] })
export class CliKeysModule {}

export const KEY_USAGE = `  node dist/cli.js create-key --name <name> --role <${ROLES.join('|')}> [--expires-at <ISO date>]
      creates an API key and prints its secret (shown once)
  node dist/cli.js list-keys
      lists every key (never the secret): id, state, role, prefix, last use, expiry
  node dist/cli.js revoke-key <id>
      revokes a key at once
  node dist/cli.js audit verify
      checks the whole audit hash chain; exit code 1 and the first broken link when it is broken`;

type Out = (s: string) => void;
export type KeyCommand = { run: (app: INestApplicationContext, out: Out, err: Out) => Promise<number> };

/** Parses one of the key/audit commands; a string is the reason the arguments are wrong, null: not one of them. */
export function parseKeyCommand(command: string | undefined, rest: string[]): KeyCommand | string | null {
  try {
    switch (command) {
      case 'create-key': {
        const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, 'expires-at': { type: 'string' } } });
        const name = values.name?.trim();
        if (!name || !values.role || !ROLES.includes(values.role as Role)) return 'create-key needs --name and a valid --role';
        const expires = values['expires-at'] ? new Date(values['expires-at']) : undefined;
        if (expires && Number.isNaN(expires.getTime())) return '--expires-at must be a date such as 2027-01-31T00:00:00Z';
        return {
          run: async (app, out) => {
            const key = await app.get(AuthService).createKey(name, values.role as Role, null, expires);
            out(`created ${key.role} key '${key.name}' (${key.id})${key.expiresAt ? `, expires ${key.expiresAt.toISOString()}` : ''}`);
            out(`secret (shown once): ${key.secret}`);
            return 0;
          },
        };
      }
      case 'list-keys':
        parseArgs({ args: rest, options: {} });
        return {
          run: async (app, out) => {
            let cursor: string | undefined;
            out(['id', 'state', 'role', 'prefix', 'name', 'last used', 'expires'].join('\t'));
            do {
              const page = await app.get(AuthService).list(cursor, 500);
              for (const k of page.items) {
                out([k.id, k.state + (k.bootstrap ? ' (bootstrap)' : ''), k.role, `${k.prefix}…`, k.name, k.lastUsedAt?.toISOString() ?? 'never', k.expiresAt?.toISOString() ?? '-'].join('\t'));
              }
              cursor = page.nextCursor ?? undefined;
            } while (cursor);
            return 0;
          },
        };
      case 'revoke-key': {
        const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
        if (positionals.length !== 1 || !/^[0-9a-f-]{36}$/i.test(positionals[0])) return 'revoke-key needs the key id (see list-keys)';
        return {
          run: async (app, out) => {
            const k = await app.get(AuthService).revoke(positionals[0], null);
            out(`key '${k.name}' (${k.id}) is revoked`);
            return 0;
          },
        };
      }
      case 'audit': {
        if (rest.length !== 1 || rest[0] !== 'verify') return 'audit needs the subcommand verify';
        return {
          run: async (app, out, err) => {
            const [code, lines, problems] = auditVerificationLines(await app.get(AuditService).verify());
            lines.forEach((l) => out(l));
            problems.forEach((l) => err(l));
            return code;
          },
        };
      }
      default:
        return null;
    }
  } catch (e) {
    return (e as Error).message;
  }
}

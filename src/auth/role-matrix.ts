// The role matrix of docs/security.md, read from the routes' own metadata (the decorators the guards
// enforce), so the document cannot drift from the code: test/role-matrix.e2e.spec.ts compares them.
import { INestApplicationContext, RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { CONSOLE_ROLES_METADATA, ConsoleGuard } from '../console/console.guard';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Role, ROLES, roleSatisfies } from './role';

export interface RouteAccess {
  route: string;
  /** `key` (API key), `session` (console sign-in), `public` (no credential, or a token/signature of its own) */
  by: 'key' | 'session' | 'public';
  roles: Role[];
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

export function routeAccess(app: INestApplicationContext): RouteAccess[] {
  const rows: RouteAccess[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const guards = (Reflect.getMetadata(GUARDS_METADATA, ctrl) ?? []) as unknown[];
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const route = `${RequestMethod[method]} ${join(base, ...([] as string[]).concat(path))}`;
        const pick = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, ctrl);
        let by: RouteAccess['by'] = 'key';
        let required = pick<Role[]>(ROLES_KEY) ?? [Role.admin];
        if (pick<boolean>(PUBLIC_KEY)) {
          by = guards.includes(ConsoleGuard) ? 'session' : 'public';
          required = by === 'session' ? (pick<Role[]>(CONSOLE_ROLES_METADATA) ?? [Role.viewer]) : [];
        }
        rows.push({ route, by, roles: by === 'public' ? [] : ROLES.filter((r) => roleSatisfies(r, required)) });
      }
    }
  }
  return rows.sort((a, b) => a.route.split(' ')[1].localeCompare(b.route.split(' ')[1]) || a.route.localeCompare(b.route));
}

/** The markdown table: one row per route, one column per role. */
export function roleMatrixMarkdown(rows: RouteAccess[]): string {
  const head = `| route | by | ${ROLES.join(' | ')} |\n| --- | --- | ${ROLES.map(() => ':-:').join(' | ')} |`;
  const lines = rows.map((r) => `| \`${r.route}\` | ${r.by} | ${ROLES.map((role) => (r.by === 'public' ? '·' : r.roles.includes(role) ? '✓' : '')).join(' | ')} |`);
  return [head, ...lines].join('\n');
}

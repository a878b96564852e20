import { applyDecorators, Controller, createParamDecorator, ExecutionContext, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { type ConsoleRequest } from './console-http';
import { CONSOLE_ROLES_METADATA, ConsoleGuard } from './console.guard';
import { type ConsoleUser as ConsoleUserInfo } from './sessions/session.service';


/**
 * A console controller: routes under /console/<path>, outside the API-key guard, behind the session guard
 * (redirect to login, role check, CSRF check on every non-GET), with errors rendered as HTML pages.
 * `{ public: true }` skips the session guard (the login page).
 */
export function ConsoleController(path = '', opts: { public?: boolean } = {}) {
  const route = path ? `console/${path.replace(/^\/+/, '')}` : 'console';
  return applyDecorators(
    Controller(route),
    Public(),
    ApiExcludeController(),
    UseFilters(ConsoleExceptionFilter),
    ...(opts.public ? [] : [UseGuards(ConsoleGuard)]),
  );
}

/** Roles allowed on a console route or controller (admin always is; default: any signed-in staff role). */
export const ConsoleRoles = (...roles: Role[]) => SetMetadata(CONSOLE_ROLES_METADATA, roles);

/** The signed-in user (id, email, name, role) — usable wherever an API `Actor` is expected. */
export const ConsoleUser = createParamDecorator((_: unknown, ctx: ExecutionContext): ConsoleUserInfo => {
  const s = ctx.switchToHttp().getRequest<ConsoleRequest>().console;
  if (!s) throw new Error('ConsoleUser used on a route without the console guard');
  return s.user;
});

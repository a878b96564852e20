import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role, roleSatisfies } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { safeEqual } from '../common/safe-equal';
import { setRequestActor } from '../common/request-context';
import { CSRF_FIELD, CSRF_HEADER, type ConsoleRequest, readCookie, SESSION_COOKIE } from './console-http';
import { SessionService } from './sessions/session.service';

export const CONSOLE_ROLES_METADATA = 'tocsin:console-roles';
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Session guard for console routes: no session → Unauthorized (the console filter redirects to the login
 * page); wrong role → Forbidden (403 page); any state-changing request must carry the session's CSRF token
 * (form field `_csrf` or header `X-CSRF-Token`) — synchronizer token tied to the session.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ConsoleRequest>();
    const session = await this.sessions.resolve(readCookie(req, SESSION_COOKIE));
    if (!session) throw new AppException(ErrorCode.Unauthorized, 'Please sign in');
    req.console = session;
    setRequestActor(session.user);
    const required = this.reflector.getAllAndOverride<Role[]>(CONSOLE_ROLES_METADATA, [ctx.getHandler(), ctx.getClass()]) ?? [Role.viewer];
    if (!roleSatisfies(session.user.role, required)) {
      throw new AppException(ErrorCode.Forbidden, `This page needs the role ${required.join(' or ')}; you are signed in as ${session.user.role}.`);
    }
    if (!SAFE_METHODS.includes(req.method)) {
      const body = req.body as Record<string, unknown> | undefined;
      const given = (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined) ?? req.get(CSRF_HEADER) ?? '';
      if (!safeEqual(given, session.csrfToken)) {
        throw new AppException(ErrorCode.Forbidden, 'This form has expired or did not come from this console (missing or wrong CSRF token). Go back, reload the page and try again.', { csrf: true });
      }
    }
    return true;
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { setRequestActor } from '../common/request-context';
import { AuthedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import { Role, roleSatisfies } from './role';
import { AuthFailureLimiter } from '../throttling/auth-failure-limiter';

/** Global guard: every route needs a key with a fitting role unless marked @Public. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly authFailures: AuthFailureLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    await this.authFailures.assertNotBlocked(req.ip);
    const actor = await this.auth.authenticate(req.headers.authorization).catch(async (e: unknown) => {
      if (e instanceof AppException && e.code === ErrorCode.Unauthorized) await this.authFailures.failed(req.ip);
      throw e;
    });
    req.actor = actor;
    setRequestActor(actor);
    const required = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [Role.admin];
    if (!roleSatisfies(actor.role, required)) {
      throw new AppException(ErrorCode.Forbidden, `This action needs the role ${required.join(' or ')}; your key has '${actor.role}'`);
    }
    return true;
  }
}

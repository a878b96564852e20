import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { AuditRepository } from './audit.repository';

const AUDITED = 'tocsin:audited';

interface AuditedRoute {
  action: string;
  entityType: string;
  /** the route parameter naming the entity (its id) */
  idParam: string;
}

/**
 * Records an audit row before the route runs, for reads that matter (exports of personal data) where the
 * service has nothing to write: no export without its row (an audit failure refuses the request). The
 * caller and the client address come from the request context.
 */
export const Audited = (action: string, entityType: string, idParam = 'id') =>
  applyDecorators(SetMetadata(AUDITED, { action, entityType, idParam } satisfies AuditedRoute), UseInterceptors(AuditedInterceptor));

@Injectable()
export class AuditedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditRepository,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRoute | undefined>(AUDITED, ctx.getHandler());
    if (!route) return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    const entityId = String(req.params?.[route.idParam] ?? '');
    const recorded = this.audit.record({ action: route.action, entityType: route.entityType, entityId, data: { path: req.path } });
    return from(recorded).pipe(switchMap(() => next.handle()));
  }
}

import { Body, Get, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { liftSuppressionSchema } from '../../suppressions/dto/suppression.dto';
import { SuppressionsService } from '../../suppressions/suppressions.service';
import { setFlash } from '../console-http';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';

const PAGE = 100;

/** Comms see suppressed addresses and lift one with a reason (the API's service; audited there). */
@ConsoleController('suppressions')
@ConsoleRoles(Role.comms)
export class ConsoleSuppressionsController {
  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly renderer: ConsoleRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query('q') q: unknown, @Query('cursor') cursor: unknown, @Res() res: Response) {
    await this.page(res, { q: typeof q === 'string' ? q.trim().slice(0, 254) : '', cursor: typeof cursor === 'string' ? cursor.slice(0, 600) : undefined });
  }

  @Post('lift')
  async lift(@Body() body: Record<string, unknown>, @ConsoleUser() me: User, @Res() res: Response) {
    const parsed = liftSuppressionSchema.safeParse({ channel: body?.channel, address: body?.address, reason: body?.reason });
    if (!parsed.success) return this.page(res, { q: '', errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`), form: body }, 400);
    try {
      const { lifted } = await this.suppressions.lift(parsed.data, me);
      setFlash(res, res.req, this.config.PUBLIC_URL, `${lifted.address} (${lifted.channel}) may be used again.`);
      res.redirect(303, '/console/suppressions');
    } catch (e) {
      if (e instanceof AppException) return this.page(res, { q: '', errors: [e.message], form: body }, 404);
      throw e;
    }
  }

  private async page(res: Response, data: { q: string; cursor?: string; errors?: string[]; form?: unknown }, status = 200) {
    const { items, nextCursor } = await this.suppressions.list({ address: data.q || undefined }, data.cursor, PAGE);
    const next = nextCursor ? `/console/suppressions?${new URLSearchParams({ ...(data.q ? { q: data.q } : {}), cursor: nextCursor })}` : null;
    this.renderer.render(res, 'suppressions/list', { title: 'Suppressed addresses', items, next, ...data }, { status });
  }
}

import { Body, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { AuthService, CreatedKey } from '../../auth/auth.service';
import { Role, ROLES } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';

const createForm = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  role: z.enum(ROLES as [string, ...string[]]),
  expiresOn: z.union([z.literal(''), z.iso.date()]).optional(),
});

/** Admins see every API key (never a secret), create, rotate (24 h overlap) and revoke them. */
@ConsoleController('api-keys')
@ConsoleRoles(Role.admin)
export class ConsoleApiKeysController {
  constructor(
    private readonly keys: AuthService,
    private readonly renderer: ConsoleRenderer,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    await this.page(res, {});
  }

  @Post()
  async create(@Body() body: Record<string, unknown>, @ConsoleUser() me: User, @Res() res: Response) {
    const parsed = createForm.safeParse({ name: body?.name, role: body?.role, expiresOn: body?.expiresOn });
    if (!parsed.success) {
      return this.page(res, { errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`), form: body }, 400);
    }
    const { name, role, expiresOn } = parsed.data;
    try {
      const key = await this.keys.createKey(name, role as Role, me, expiresOn ? new Date(`${expiresOn}T00:00:00Z`) : undefined);
      await this.page(res, { shown: shown(key, 'Created') }, 201);
    } catch (e) {
      if (e instanceof AppException) return this.page(res, { errors: [e.message], form: body }, 400);
      throw e;
    }
  }

  @Post(':id/rotate')
  async rotate(@Param('id', new ParseUUIDPipe()) id: string, @ConsoleUser() me: User, @Res() res: Response) {
    const key = await this.keys.rotate(id, 24, me);
    await this.page(res, { shown: shown(key, 'Rotated (the old secret works for 24 more hours)') });
  }

  @Post(':id/revoke')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @ConsoleUser() me: User, @Res() res: Response) {
    await this.keys.revoke(id, me);
    res.redirect(303, '/console/api-keys');
  }

  private async page(res: Response, data: Record<string, unknown>, status = 200) {
    const items: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.keys.list(cursor, 500);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    this.renderer.render(res, 'api-keys/list', { title: 'API keys', keys: items, roles: ROLES, ...data }, { status });
  }
}

const shown = (k: CreatedKey, what: string) => ({ what, name: k.name, role: k.role, secret: k.secret });

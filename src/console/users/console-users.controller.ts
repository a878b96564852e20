import { Body, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';
import { createUserSchema, USER_ROLES } from './dto/create-user.dto';
import { UsersService } from './users.service';

/** Admins manage console accounts: create (the generated password is shown once), disable, enable. */
@ConsoleController('users')
@ConsoleRoles(Role.admin)
export class ConsoleUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly renderer: ConsoleRenderer,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    await this.page(res, {});
  }

  @Post()
  async create(@Body() body: Record<string, unknown>, @ConsoleUser() me: User, @Res() res: Response) {
    const form = { email: body?.email, name: body?.name, role: body?.role, ...(body?.password ? { password: body.password } : {}) };
    const parsed = createUserSchema.safeParse(form);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);
      return this.page(res, { errors, form }, 400);
    }
    try {
      const created = await this.users.create(parsed.data, me);
      await this.page(res, { created: { ...created.user, password: created.password } }, 201);
    } catch (e) {
      if (e instanceof AppException) return this.page(res, { errors: [e.message], form }, 409);
      throw e;
    }
  }

  @Post(':id/disable')
  async disable(@Param('id', new ParseUUIDPipe()) id: string, @ConsoleUser() me: User, @Res() res: Response) {
    await this.users.setDisabled(id, true, me);
    res.redirect(303, '/console/users');
  }

  @Post(':id/enable')
  async enable(@Param('id', new ParseUUIDPipe()) id: string, @ConsoleUser() me: User, @Res() res: Response) {
    await this.users.setDisabled(id, false, me);
    res.redirect(303, '/console/users');
  }

  private async page(res: Response, data: Record<string, unknown>, status = 200) {
    this.renderer.render(res, 'users/list', { title: 'Users', users: await this.users.list(), roles: USER_ROLES, ...data }, { status });
  }
}

import { Injectable } from '@nestjs/common';
import { User } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { type Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { CreateUserInput } from './dto/create-user.dto';
import { generatePassword, hashPassword } from './password.util';
import { UserRepository } from './user.repository';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});

/** Console accounts: created by an admin (console, API or CLI); the password hash never leaves this service. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Creates a user; when no password is given one is generated and returned (shown once). */
  async create(input: CreateUserInput, by: Actor | null): Promise<{ user: UserView; password?: string }> {
    const generated = input.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(input.password ?? generated!);
    const user = await this.users.create({ email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash });
    if (!user) throw new AppException(ErrorCode.Conflict, `A user with the email '${input.email}' already exists`);
    await this.audit.record({
      actorId: by?.id ?? null,
      actorName: by?.name ?? 'cli',
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      data: { email: user.email, role: user.role },
    });
    return { user: toUserView(user), ...(generated ? { password: generated } : {}) };
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  async setDisabled(id: string, disabled: boolean, by: Actor): Promise<UserView> {
    if (id === by.id && disabled) throw new AppException(ErrorCode.Conflict, 'You cannot disable your own account');
    const user = await this.users.setDisabled(id, disabled);
    if (!user) throw AppException.notFound('User', id);
    await this.audit.record({ actorId: by.id, actorName: by.name, action: disabled ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: id });
    return toUserView(user);
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma, Role, User } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

@Injectable()
export class UserRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** null when the email is taken (the unique index decides, so two concurrent creates make one user). */
  async create(data: NewUser): Promise<User | null> {
    try {
      return await this.prisma.user.create({ data });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  list(): Promise<User[]> {
    return this.prisma.user.findMany({ orderBy: { email: 'asc' }, take: 1000 });
  }

  /** Disabling also ends every session of the user at once. */
  async setDisabled(id: string, disabled: boolean): Promise<User | null> {
    return this.prisma.$transaction(async (tx) => {
      const found = await tx.user.findUnique({ where: { id } });
      if (!found) return null;
      if (disabled) await tx.consoleSession.deleteMany({ where: { userId: id } });
      return tx.user.update({ where: { id }, data: { disabled } });
    });
  }

  setRole(id: string, role: Role): Promise<User> {
    return this.prisma.user.update({ where: { id }, data: { role } });
  }

  touchLogin(id: string, at: Date): Promise<unknown> {
    return this.prisma.user.update({ where: { id }, data: { lastLoginAt: at } });
  }
}

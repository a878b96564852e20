import { Injectable } from '@nestjs/common';
import { ConsoleSession, User } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';

@Injectable()
export class SessionRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { tokenHash: string; userId: string; csrfSecret: string; expiresAt: Date }): Promise<ConsoleSession> {
    return this.prisma.consoleSession.create({ data });
  }

  /** The session and its user in one round trip (every console request does this). */
  findByTokenHash(tokenHash: string): Promise<(ConsoleSession & { user: User }) | null> {
    return this.prisma.consoleSession.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { tokenHash } });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { expiresAt: { lt: now } } });
  }
}

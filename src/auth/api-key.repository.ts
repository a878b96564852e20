import { Injectable } from '@nestjs/common';
import { ApiKey, Role } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  findActiveByHash(secretHash: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findFirst({ where: { secretHash, revokedAt: null } });
  }

  create(data: { name: string; role: Role; secretHash: string; prefix: string }): Promise<ApiKey> {
    return this.prisma.apiKey.create({ data });
  }

  /** Idempotent: the bootstrap key is created once however many API processes boot at the same time. */
  async upsertByHash(data: { name: string; role: Role; secretHash: string; prefix: string }): Promise<void> {
    await this.prisma.apiKey.upsert({ where: { secretHash: data.secretHash }, create: data, update: {} });
  }

  touch(id: string, at: Date): Promise<unknown> {
    return this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}

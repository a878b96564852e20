import { Injectable } from '@nestjs/common';
import { Prisma, WebhookEndpoint } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export type { WebhookEndpoint };

@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** null when the key is taken (unique violation), so two concurrent creates answer one 409 cleanly. */
  async create(data: { key: string; name: string; url: string; secret: string }): Promise<WebhookEndpoint | null> {
    try {
      return await this.prisma.webhookEndpoint.create({ data });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  findByKey(key: string): Promise<WebhookEndpoint | null> {
    return this.prisma.webhookEndpoint.findUnique({ where: { key } });
  }

  /** Keys among `keys` that name no endpoint (for runbook publish). */
  async missingKeys(keys: string[]): Promise<string[]> {
    const found = await this.prisma.webhookEndpoint.findMany({ where: { key: { in: keys } }, select: { key: true } });
    const have = new Set(found.map((f) => f.key));
    return keys.filter((k) => !have.has(k));
  }

  list(after: string | undefined, limit: number): Promise<WebhookEndpoint[]> {
    return this.prisma.webhookEndpoint.findMany({ where: after ? { key: { gt: after } } : {}, orderBy: { key: 'asc' }, take: limit });
  }

  update(key: string, data: Prisma.WebhookEndpointUpdateInput): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.update({ where: { key }, data });
  }

  async delete(key: string): Promise<boolean> {
    const n = await this.prisma.webhookEndpoint.deleteMany({ where: { key } });
    return n.count === 1;
  }

  /** 410 Gone from the receiver: disabled with the reason, once (a concurrent send does not overwrite it). */
  async disable(id: string, reason: string): Promise<boolean> {
    const n = await this.prisma.webhookEndpoint.updateMany({ where: { id, enabled: true }, data: { enabled: false, disabledReason: reason.slice(0, 500), disabledAt: new Date() } });
    return n.count === 1;
  }
}

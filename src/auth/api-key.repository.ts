import { Injectable } from '@nestjs/common';
import { ApiKey, Prisma, Role } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface NewKey {
  name: string;
  role: Role;
  secretHash: string;
  prefix: string;
  expiresAt?: Date | null;
  rotatedFromId?: string | null;
}

const BOOTSTRAP_LOCK = 7302017;

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A key that authenticates at `now`: not revoked and not expired. Every API request asks, so it goes
   * straight to the pg pool (see PrismaService.pool): through Prisma's query compiler it was a fifth of the
   * API's CPU on a stream of reach requests (V8 profile, bench/reach.bench.ts).
   */
  async findActiveByHash(secretHash: string, now: Date): Promise<Pick<ApiKey, 'id' | 'name' | 'role'> | null> {
    const { rows } = await this.prisma.pool.query<Pick<ApiKey, 'id' | 'name' | 'role'>>({
      name: 'api-key-active',
      text: `SELECT id::text, name, role::text AS role FROM api_key
             WHERE secret_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
      values: [secretHash, now],
    });
    return rows[0] ?? null;
  }

  findByHash(secretHash: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { secretHash } });
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  create(data: NewKey, db: Prisma.TransactionClient = this.prisma): Promise<ApiKey> {
    return db.apiKey.create({ data });
  }

  /** Newest first, keyset on (createdAt, id) through the id of the last row seen. */
  async list(afterId: string | null, limit: number): Promise<ApiKey[]> {
    const after = afterId ? await this.prisma.apiKey.findUnique({ where: { id: afterId } }) : null;
    return this.prisma.apiKey.findMany({
      where: after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : undefined,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /** Compare-and-set: revokes a key that is not revoked yet; null when it already was (or does not exist). */
  async revoke(id: string, at: Date, reason: string, db: Prisma.TransactionClient = this.prisma): Promise<ApiKey | null> {
    const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at, revokedReason: reason } });
    return count ? db.apiKey.findUnique({ where: { id } }) : null;
  }

  /** A new key and the old one's end of overlap, in one transaction (the old key must still be live). */
  async rotate(oldId: string, next: NewKey, oldEndsAt: Date, now: Date): Promise<{ created: ApiKey; old: ApiKey } | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.apiKey.updateMany({
        where: { id: oldId, revokedAt: null, bootstrap: false, OR: [{ expiresAt: null }, { expiresAt: { gt: oldEndsAt } }] },
        data: { expiresAt: oldEndsAt },
      });
      const old = await tx.apiKey.findUniqueOrThrow({ where: { id: oldId } });
      // an expiry already sooner than the overlap is kept; a key already dead cannot be rotated
      if (!count && (old.revokedAt || old.bootstrap || (old.expiresAt && old.expiresAt <= now))) return null;
      const created = await tx.apiKey.create({ data: next });
      return { created, old };
    });
  }

  /**
   * Makes the bootstrap row follow TOCSIN_ADMIN_KEY, under a lock (API processes may boot together):
   * every other live bootstrap row is revoked; the current value gets a row (a row revoked only because
   * the variable once moved away comes back; one revoked by a person stays revoked).
   */
  async syncBootstrap(current: NewKey | null, now: Date): Promise<{ revoked: ApiKey[]; active: ApiKey | null; created: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
      const stale = await tx.apiKey.findMany({ where: { bootstrap: true, revokedAt: null, ...(current ? { secretHash: { not: current.secretHash } } : {}) } });
      await tx.apiKey.updateMany({ where: { id: { in: stale.map((k) => k.id) } }, data: { revokedAt: now, revokedReason: 'bootstrap_rotated' } });
      if (!current) return { revoked: stale, active: null, created: false };
      const existing = await tx.apiKey.findUnique({ where: { secretHash: current.secretHash } });
      if (!existing) return { revoked: stale, active: await tx.apiKey.create({ data: { ...current, bootstrap: true } }), created: true };
      if (existing.revokedReason === 'bootstrap_rotated') {
        return { revoked: stale, active: await tx.apiKey.update({ where: { id: existing.id }, data: { revokedAt: null, revokedReason: null, bootstrap: true } }), created: false };
      }
      return { revoked: stale, active: existing.revokedAt ? null : existing, created: false };
    });
  }

  touch(id: string, at: Date): Promise<unknown> {
    return this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { ApiKey } from '@prisma/client';
import { createHash, randomBytes } from 'node:crypto';
import { AuditRepository } from '../audit/audit.repository';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { ApiKeyRepository } from './api-key.repository';
import { Actor, Role } from './role';

export interface CreatedKey {
  id: string;
  name: string;
  role: Role;
  /** shown once; only its hash is stored */
  secret: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** What a key listing shows: never the secret nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  state: 'active' | 'expired' | 'revoked';
  bootstrap: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  rotatedFromId: string | null;
}

/** API keys: high-entropy random secrets, so a fast SHA-256 is the right hash (no password stretching needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export const BOOTSTRAP_KEY_NAME = 'bootstrap admin (TOCSIN_ADMIN_KEY)';
/** lastUsedAt is written at most this often per key and process (off the request path). */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async createKey(name: string, role: Role, by: Actor | null, expiresAt?: Date): Promise<CreatedKey> {
    if (expiresAt && expiresAt <= this.clock.now()) throw new AppException(ErrorCode.ValidationFailed, 'expiresAt must be in the future');
    const secret = newSecret();
    const key = await this.keys.create({ name, role, secretHash: hashSecret(secret), prefix: secret.slice(0, 8), expiresAt: expiresAt ?? null });
    await this.audit.record({ ...actorOf(by), action: 'api_key.created', entityType: 'api_key', entityId: key.id, data: { name, role, prefix: key.prefix, expiresAt: key.expiresAt?.toISOString() ?? null } });
    return { id: key.id, name: key.name, role: key.role, secret, createdAt: key.createdAt, expiresAt: key.expiresAt };
  }

  async list(cursor: string | undefined, limit: number): Promise<{ items: ApiKeyView[]; nextCursor: string | null }> {
    const rows = await this.keys.list(cursor ?? null, limit);
    const now = this.clock.now();
    return { items: rows.map((k) => toView(k, now)), nextCursor: rows.length === limit ? rows[rows.length - 1].id : null };
  }

  async revoke(id: string, by: Actor | null): Promise<ApiKeyView> {
    const now = this.clock.now();
    const key = await this.keys.revoke(id, now, 'revoked');
    if (!key) {
      const existing = await this.keys.findById(id);
      if (!existing) throw AppException.notFound('API key', id);
      return toView(existing, now); // already revoked: nothing changes
    }
    await this.audit.record({ ...actorOf(by), action: 'api_key.revoked', entityType: 'api_key', entityId: id, data: { name: key.name, role: key.role, prefix: key.prefix, bootstrap: key.bootstrap } });
    if (key.bootstrap) this.logger.warn(`bootstrap admin key revoked by ${by?.name ?? 'cli'}: TOCSIN_ADMIN_KEY no longer authenticates until it is given a new value`);
    return toView(key, now);
  }

  /** A new secret for the same name and role; the old one keeps working for `overlapHours` (0: ends now). */
  async rotate(id: string, overlapHours: number, by: Actor | null): Promise<CreatedKey & { previous: ApiKeyView }> {
    const now = this.clock.now();
    const old = await this.keys.findById(id);
    if (!old) throw AppException.notFound('API key', id);
    if (old.bootstrap) throw new AppException(ErrorCode.Conflict, 'The bootstrap admin key follows TOCSIN_ADMIN_KEY: change the variable and restart to rotate it');
    const secret = newSecret();
    const endsAt = new Date(now.getTime() + overlapHours * 3_600_000);
    const done = await this.keys.rotate(id, { name: old.name, role: old.role, secretHash: hashSecret(secret), prefix: secret.slice(0, 8), expiresAt: null, rotatedFromId: id }, endsAt, now);
    if (!done) throw new AppException(ErrorCode.Conflict, `API key '${id}' is revoked or expired: create a new key instead`);
    await this.audit.record({ ...actorOf(by), action: 'api_key.rotated', entityType: 'api_key', entityId: id, data: { newKeyId: done.created.id, prefix: done.created.prefix, oldKeyExpiresAt: done.old.expiresAt?.toISOString() ?? null } });
    const k = done.created;
    return { id: k.id, name: k.name, role: k.role, secret, createdAt: k.createdAt, expiresAt: k.expiresAt, previous: toView(done.old, now) };
  }

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new AppException(ErrorCode.Unauthorized, 'Missing API key: send "Authorization: Bearer <key>"');
    const hash = hashSecret(match[1]);
    const key = await this.keys.findActiveByHash(hash, this.clock.now());
    if (!key) {
      await this.recordFailure(hash);
      throw new AppException(ErrorCode.Unauthorized, 'Invalid, expired or revoked API key');
    }
    this.recordUse(key.id);
    return { id: key.id, name: key.name, role: key.role };
  }

  /**
   * A revoked or expired key still in use is a signal (a leaked key, a client never moved over): it is
   * audited by id; an unknown key as a failure. The guard's per-address limiter bounds how many rows a
   * guesser can cause.
   */
  private async recordFailure(hash: string): Promise<void> {
    const known = await this.keys.findByHash(hash);
    if (known) {
      const state = known.revokedAt ? 'revoked' : 'expired';
      await this.audit.record({ actorName: known.name, action: 'api_key.rejected', entityType: 'api_key', entityId: known.id, data: { state, prefix: known.prefix } });
    } else {
      await this.audit.record({ actorName: 'unknown', action: 'api_key.auth_failed', entityType: 'api_key', entityId: 'unknown', data: {} });
    }
  }

  private recordUse(id: string): void {
    const now = this.clock.now();
    if ((this.touched.get(id) ?? 0) > now.getTime() - TOUCH_EVERY_MS) return;
    this.touched.set(id, now.getTime());
    this.keys.touch(id, now).catch((e: Error) => this.logger.warn(`could not record key use: ${e.message}`));
  }
}

const newSecret = () => `tcs_${randomBytes(24).toString('base64url')}`;

const actorOf = (by: Actor | null) => ({ actorId: by?.id ?? null, actorName: by?.name ?? 'cli' });

function toView(k: ApiKey, now: Date): ApiKeyView {
  const state = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';
  return {
    id: k.id, name: k.name, role: k.role, prefix: k.prefix, state, bootstrap: k.bootstrap, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt,
    expiresAt: k.expiresAt, revokedAt: k.revokedAt, revokedReason: k.revokedReason, rotatedFromId: k.rotatedFromId,
  };
}

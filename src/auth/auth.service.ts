import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
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
}

/** API keys: high-entropy random secrets, so a fast SHA-256 is the right hash (no password stretching needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.config.TOCSIN_ADMIN_KEY;
    if (!secret) return;
    await this.keys.upsertByHash({ name: 'bootstrap admin (TOCSIN_ADMIN_KEY)', role: Role.admin, secretHash: hashSecret(secret), prefix: secret.slice(0, 6) });
    this.logger.log('Admin key from TOCSIN_ADMIN_KEY is active');
  }

  async createKey(name: string, role: Role): Promise<CreatedKey> {
    const secret = `tcs_${randomBytes(24).toString('base64url')}`;
    const key = await this.keys.create({ name, role, secretHash: hashSecret(secret), prefix: secret.slice(0, 8) });
    return { id: key.id, name: key.name, role: key.role, secret, createdAt: key.createdAt };
  }

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new AppException(ErrorCode.Unauthorized, 'Missing API key: send "Authorization: Bearer <key>"');
    const key = await this.keys.findActiveByHash(hashSecret(match[1]));
    if (!key) throw new AppException(ErrorCode.Unauthorized, 'Invalid or revoked API key');
    this.recordUse(key.id);
    return { id: key.id, name: key.name, role: key.role };
  }

  /** lastUsedAt at most once a minute per key, off the request path. */
  private recordUse(id: string): void {
    const now = this.clock.now();
    if ((this.touched.get(id) ?? 0) > now.getTime() - 60_000) return;
    this.touched.set(id, now.getTime());
    this.keys.touch(id, now).catch((e: Error) => this.logger.warn(`could not record key use: ${e.message}`));
  }
}

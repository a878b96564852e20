import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { ApiKeyRepository, NewKey } from './api-key.repository';
import { BOOTSTRAP_KEY_NAME, hashSecret } from './auth.service';
import { Role } from './role';

/**
 * At API start, the bootstrap row follows TOCSIN_ADMIN_KEY: a changed or removed value revokes the old
 * row. Only the API does this (never the CLI, whose environment may lack the variable).
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminKey.name);

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.config.TOCSIN_ADMIN_KEY;
    const current: NewKey | null = secret ? { name: BOOTSTRAP_KEY_NAME, role: Role.admin, secretHash: hashSecret(secret), prefix: secret.slice(0, 6) } : null;
    const { revoked, active, created } = await this.keys.syncBootstrap(current, this.clock.now());
    for (const k of revoked) {
      this.logger.warn(`bootstrap admin key ${k.prefix}… revoked: TOCSIN_ADMIN_KEY ${secret ? 'changed' : 'is no longer set'}`);
      await this.audit.record({ actorName: 'tocsin (boot)', action: 'api_key.revoked', entityType: 'api_key', entityId: k.id, data: { reason: 'bootstrap_rotated', prefix: k.prefix } });
    }
    if (created && active) {
      await this.audit.record({ actorName: 'tocsin (boot)', action: 'api_key.created', entityType: 'api_key', entityId: active.id, data: { role: active.role, prefix: active.prefix, bootstrap: true } });
    }
    if (active) this.logger.log('Admin key from TOCSIN_ADMIN_KEY is active');
    else if (secret) this.logger.warn('TOCSIN_ADMIN_KEY names a key that was revoked through the API: it does not authenticate (set a new value)');
  }
}

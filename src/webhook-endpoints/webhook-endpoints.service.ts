import { Inject, Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { AllowList, parseAllowList, resolvedUrlRefusal } from '../channels/webhook/ssrf-guard';
import { newWebhookSecret } from '../channels/webhook/webhook-signature';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { WebhookEndpoint, WebhookEndpointRepository } from './webhook-endpoint.repository';

/** An endpoint as the API shows it: never the secret (only at creation and rotation). */
export function endpointView(e: WebhookEndpoint) {
  return {
    key: e.key,
    name: e.name,
    url: e.url,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    /** the first characters of the secret, to tell which one a receiver has */
    secretPrefix: e.secret.slice(0, 12),
    previousSecretUntil: e.previousSecretUntil && e.previousSecretUntil > new Date() ? e.previousSecretUntil : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** Webhook endpoints: where webhook steps send, with the secret each one's signatures use. */
@Injectable()
export class WebhookEndpointsService {
  private readonly allow: AllowList;

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.allow = parseAllowList(config.WEBHOOK_ALLOW_PRIVATE);
  }

  async create(input: { key: string; name: string; url: string }, actor: Actor) {
    await this.checkUrl(input.url);
    const created = await this.endpoints.create({ ...input, secret: newWebhookSecret() });
    if (!created) throw new AppException(ErrorCode.Conflict, `A webhook endpoint '${input.key}' already exists`);
    await this.record(actor, 'webhook_endpoint.created', created, { url: created.url });
    return { ...endpointView(created), secret: created.secret };
  }

  async list(cursor: string | undefined, limit: number) {
    const rows = await this.endpoints.list(cursor, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(endpointView), nextCursor: rows.length > limit ? page[page.length - 1].key : null };
  }

  async get(key: string) {
    return endpointView(await this.find(key));
  }

  async update(key: string, input: { name?: string; url?: string; enabled?: boolean }, actor: Actor) {
    const before = await this.find(key);
    if (input.url !== undefined) await this.checkUrl(input.url);
    const enabling = input.enabled === true && !before.enabled;
    const disabling = input.enabled === false && before.enabled;
    const updated = await this.endpoints.update(key, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(enabling ? { enabled: true, disabledReason: null, disabledAt: null } : {}),
      ...(disabling ? { enabled: false, disabledReason: `disabled by ${actor.name}`, disabledAt: new Date() } : {}),
    });
    await this.record(actor, 'webhook_endpoint.updated', updated, { ...input });
    return endpointView(updated);
  }

  /** A new secret, shown once; the old one still signs (a second signature) for WEBHOOK_SECRET_OVERLAP_HOURS. */
  async rotateSecret(key: string, actor: Actor) {
    const before = await this.find(key);
    const overlapMs = this.config.WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000;
    const updated = await this.endpoints.update(key, {
      secret: newWebhookSecret(),
      previousSecret: overlapMs ? before.secret : null,
      previousSecretUntil: overlapMs ? new Date(Date.now() + overlapMs) : null,
    });
    await this.record(actor, 'webhook_endpoint.secret_rotated', updated, {});
    return { ...endpointView(updated), secret: updated.secret };
  }

  async delete(key: string, actor: Actor): Promise<void> {
    const e = await this.find(key);
    if (!(await this.endpoints.delete(key))) throw AppException.notFound('Webhook endpoint', key);
    await this.record(actor, 'webhook_endpoint.deleted', e, {});
  }

  private async find(key: string): Promise<WebhookEndpoint> {
    const e = await this.endpoints.findByKey(key);
    if (!e) throw AppException.notFound('Webhook endpoint', key);
    return e;
  }

  /** Save-time check (the connection is checked again when sending: DNS may change in between). */
  private async checkUrl(url: string): Promise<void> {
    const why = await resolvedUrlRefusal(url, this.allow);
    if (why) throw new AppException(ErrorCode.WebhookUrlRefused, `Webhook URL refused: ${why}`, [{ path: 'url', message: why }]);
  }

  private record(actor: Actor, action: string, e: WebhookEndpoint, data: Record<string, string | boolean | undefined>) {
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>;
    return this.audit.record({ actorId: actor.id, actorName: actor.name, action, entityType: 'webhook_endpoint', entityId: e.id, data: { key: e.key, ...clean } });
  }
}

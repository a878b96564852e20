import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from '../../audit/audit.repository';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { WebhookEndpointRepository } from '../../webhook-endpoints/webhook-endpoint.repository';
import type { SendOutcome } from '../email/mail-transport';
import { WebhookSender } from './webhook-sender';

/**
 * The webhook channel of the send path: finds the endpoint a notification is addressed to (its key),
 * signs with its secret (and the previous one during a rotation), sends, and disables the endpoint when
 * the receiver answers 410 Gone. A disabled or deleted endpoint fails the notification for good, with why.
 */
@Injectable()
export class WebhookChannel {
  private readonly logger = new Logger(WebhookChannel.name);

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly sender: WebhookSender,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(notificationId: string, endpointKey: string, body: string): Promise<SendOutcome> {
    const endpoint = await this.endpoints.findByKey(endpointKey);
    if (!endpoint) return { ok: false, permanent: true, error: `no webhook endpoint '${endpointKey}' (deleted?)` };
    if (!endpoint.enabled) return { ok: false, permanent: true, error: `endpoint disabled: ${endpoint.disabledReason ?? 'by hand'}` };
    const now = new Date();
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now) secrets.push(endpoint.previousSecret);
    const outcome = await this.sender.send({ id: notificationId, url: endpoint.url, secrets, body }, now);
    if (outcome.gone) {
      if (await this.endpoints.disable(endpoint.id, outcome.error ?? '410 Gone')) {
        this.logger.warn(`webhook endpoint ${endpoint.key} answered 410 Gone: disabled`);
        await this.audit.record({ actorName: 'tocsin', action: 'webhook_endpoint.disabled', entityType: 'webhook_endpoint', entityId: endpoint.id, data: { key: endpoint.key, reason: outcome.error ?? '410 Gone', notification: notificationId } });
      }
    }
    return { ok: outcome.ok, permanent: outcome.permanent, error: outcome.error, providerId: outcome.status ? `http-${outcome.status}` : undefined };
  }
}

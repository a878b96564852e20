import { Module } from '@nestjs/common';
import { WebhookEndpointsCoreModule } from '../webhook-endpoints/webhook-endpoints-core.module';
import { MailTransport } from './email/mail-transport';
import { SmsProvider } from './sms/sms-provider';
import { WebhookChannel } from './webhook/webhook-channel';
import { WebhookSender } from './webhook/webhook-sender';

/** Delivery channels (email, SMS, webhook); each behind a small adapter. */
@Module({
  imports: [WebhookEndpointsCoreModule],
  providers: [MailTransport, SmsProvider, WebhookSender, WebhookChannel],
  exports: [MailTransport, SmsProvider, WebhookChannel],
})
export class ChannelsModule {}

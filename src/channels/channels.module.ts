import { Module } from '@nestjs/common';
import { MailTransport } from './email/mail-transport';
import { SmsProvider } from './sms/sms-provider';

/** Delivery channels (email, SMS); each behind a small adapter. */
@Module({ providers: [MailTransport, SmsProvider], exports: [MailTransport, SmsProvider] })
export class ChannelsModule {}

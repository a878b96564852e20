import { Module } from '@nestjs/common';
import { MailTransport } from './email/mail-transport';

/** Delivery channels (email today); each behind a small adapter. */
@Module({ providers: [MailTransport], exports: [MailTransport] })
export class ChannelsModule {}

import { Module } from '@nestjs/common';
import { DeliveryEventRepository } from './delivery-event.repository';
import { EmailEventsController } from './email-events.controller';
import { EventSignatureGuard } from './event-signature.guard';
import { RecordEmailEventsUseCase } from './record-delivery-events/record-email-events.usecase';
import { RecordSmsEventsUseCase } from './record-delivery-events/record-sms-events.usecase';
import { SmsEventsController } from './sms-events.controller';
import { SmsSignatureGuard } from './sms/sms-signature.guard';
import { TrackingMetrics } from './tracking.metrics';

/** Delivery tracking: provider events and bounce messages move notifications to their final state. */
@Module({
  controllers: [EmailEventsController, SmsEventsController],
  providers: [RecordEmailEventsUseCase, RecordSmsEventsUseCase, DeliveryEventRepository, EventSignatureGuard, SmsSignatureGuard, TrackingMetrics],
})
export class TrackingModule {}

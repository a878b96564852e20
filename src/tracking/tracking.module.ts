import { Module } from '@nestjs/common';
import { DeliveryEventRepository } from './delivery-event.repository';
import { EmailEventsController } from './email-events.controller';
import { EventSignatureGuard } from './event-signature.guard';
import { RecordEmailEventsUseCase } from './record-delivery-events/record-email-events.usecase';
import { TrackingMetrics } from './tracking.metrics';

/** Delivery tracking: provider events and bounce messages move notifications to their final state. */
@Module({
  controllers: [EmailEventsController],
  providers: [RecordEmailEventsUseCase, DeliveryEventRepository, EventSignatureGuard, TrackingMetrics],
})
export class TrackingModule {}

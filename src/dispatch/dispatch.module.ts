import { OffersCoreModule } from '../offers/offers-core.module';
import { Module } from '@nestjs/common';
import { PopulationModule } from '../incidents/population/population.module';
import { ChannelsModule } from '../channels/channels.module';
import { NoticeCoreModule } from '../notices/notice-core.module';
import { TemplatesCoreModule } from '../templates/templates-core.module';
import { FanoutStepUseCase } from './fanout-step/fanout-step.usecase';
import { FanoutProcessor } from './jobs/fanout.processor';
import { SendProcessor } from './jobs/send.processor';
import { FallbackService } from './fallback.service';
import { LateAdditionsRepository } from './late-additions.repository';
import { NotificationRepository } from './notification.repository';
import { ReconcilerService } from './reconciler.service';
import { SendBatchUseCase } from './send-batch/send-batch.usecase';
import { StepRepository } from './step.repository';
import { TemplateResolver } from './template-resolver';
import { ChannelThrottle } from './throttle/channel-throttle';
import { QuietHours } from './quiet-hours/quiet-hours.service';
import { EscalationRepository } from './escalation/escalation.repository';
import { EscalationService } from './escalation/escalation.service';
import { RelayCircuit } from './relay-circuit/relay-circuit';

/** Dispatch: fan-out of due steps, batched sending, and the reconciler that keeps Redis in line with Postgres. */
@Module({
  imports: [TemplatesCoreModule, ChannelsModule, NoticeCoreModule, OffersCoreModule, PopulationModule],
  providers: [
    FanoutStepUseCase,
    SendBatchUseCase,
    FanoutProcessor,
    SendProcessor,
    NotificationRepository,
    LateAdditionsRepository,
    FallbackService,
    StepRepository,
    TemplateResolver,
    ChannelThrottle,
    ReconcilerService,
    QuietHours,
    EscalationService,
    EscalationRepository,
    RelayCircuit,
  ],
  exports: [ReconcilerService],
})
export class DispatchModule {}

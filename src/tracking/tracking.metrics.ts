import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DeliveryEventKind } from './delivery-event';

@Injectable()
export class TrackingMetrics {
  private readonly events;

  constructor(metrics: MetricsRegistry) {
    this.events = metrics.counter('tocsin_delivery_events_total', 'Provider events and bounce messages received, by kind and whether they changed a notification', ['kind', 'applied']);
  }

  event(kind: DeliveryEventKind, applied: boolean): void {
    this.events.inc({ kind, applied: String(applied) });
  }
}

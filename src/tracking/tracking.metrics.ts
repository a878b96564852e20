import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DELIVERY_EVENT_KINDS, DeliveryEventKind } from './delivery-event';

/** Provider events arrive at the API (POST /events/{channel}), so this counter is on the API's /metrics. */
@Injectable()
export class TrackingMetrics {
  private readonly events;

  constructor(metrics: MetricsRegistry) {
    this.events = metrics.counter(
      'tocsin_delivery_events_total',
      'Provider events and bounce messages received, by kind and whether they changed a notification',
      ['kind', 'applied'],
      DELIVERY_EVENT_KINDS.flatMap((kind) => ['true', 'false'].map((applied) => ({ kind, applied }))),
    );
  }

  event(kind: DeliveryEventKind, applied: boolean): void {
    this.events.inc({ kind, applied: String(applied) });
  }
}

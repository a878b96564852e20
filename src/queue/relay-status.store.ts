import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { QueueName } from './queue.constants';

export interface RelayDown {
  channel: string;
  /** ISO time the relay was first found unreachable */
  since: string;
  error: string;
}

/** Seconds a report lives unless a worker renews it: the report of a worker that died does not linger. */
const REPORT_TTL_S = 120;

/**
 * Which channel relays (the SMTP server, the SMS provider) the workers cannot reach, shared through Redis so
 * the API can say so (/health, the incident dashboard) although the workers are other processes.
 */
@Injectable()
export class RelayStatusStore {
  constructor(@InjectQueue(QueueName.Send) private readonly queue: Queue) {}

  private key(channel: string): string {
    return `${this.queue.qualifiedName}:relay-down:${channel}`;
  }

  async down(status: RelayDown): Promise<void> {
    // BullMQ's client is an ioredis instance; its own interface types only the commands BullMQ uses
    const client = (await this.queue.backend.client) as unknown as Redis;
    await client.set(this.key(status.channel), JSON.stringify(status), 'EX', REPORT_TTL_S);
  }

  async up(channel: string): Promise<void> {
    const client = await this.queue.backend.client;
    await client.del(this.key(channel));
  }

  async list(channels: readonly string[] = ['email', 'sms']): Promise<RelayDown[]> {
    const client = await this.queue.backend.client;
    const values = await Promise.all(channels.map((c) => client.get(this.key(c))));
    return values.filter((v): v is string => !!v).map((v) => JSON.parse(v) as RelayDown);
  }
}

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { IncidentsService } from '../incidents.service';

/** How often reach is read again while a client listens. */
export const STREAM_POLL_MS = 2000;
/** A comment line this often when nothing changed, so proxies keep the connection open. */
const KEEP_ALIVE_MS = 15_000;
/** What an EventSource waits before it reconnects after the connection dropped. */
const RETRY_MS = 5000;
/** States after which reach no longer changes: the stream says so and ends. */
const FINAL_STATES = new Set(['closed', 'cancelled']);

/**
 * The reach stream (server-sent events). Events:
 * - `reach`: the same body as GET …/reach, sent when it changed (its id is a digest of the body, so a client
 *   reconnecting with Last-Event-ID gets nothing until something changes);
 * - `end`: `{state}` once the incident is closed or cancelled; then the stream ends (no reconnect loop).
 * The caller has already answered 404 for an unknown incident (before any byte of the stream).
 */
@Injectable()
export class ReachStream {
  constructor(private readonly incidents: IncidentsService) {}

  async serve(id: string, req: Request, res: Response): Promise<void> {
    // a client that already has the final state (it reconnected with its id) is told to stop: 204 ends an
    // EventSource for good, where an ended 200 stream would make it reconnect every few seconds
    const now = await this.incidents.reach(id);
    const known = req.get('last-event-id');
    if (FINAL_STATES.has(now.state) && known && known === digestOf(JSON.stringify(now))) {
      res.status(204).end();
      return;
    }
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    let last = req.get('last-event-id') ?? '';
    let first = true;
    let lastWrite = Date.now();
    let open = true;
    req.on('close', () => (open = false));
    const write = (lines: string[]) => {
      res.write((first ? `retry: ${RETRY_MS}\n` : '') + lines.join('\n') + '\n\n');
      first = false;
      lastWrite = Date.now();
    };
    while (open) {
      try {
        // the reach body carries the incident's state, read in the same statement: no second read of the
        // incident (with its steps, clocks and counters) per listener every poll
        const reach = await this.incidents.reach(id);
        const body = JSON.stringify(reach);
        const digest = digestOf(body);
        if (digest !== last) {
          write([`id: ${digest}`, 'event: reach', `data: ${body}`]);
          last = digest;
        }
        if (FINAL_STATES.has(reach.state)) {
          write(['event: end', `data: ${JSON.stringify({ state: reach.state })}`]);
          break;
        }
      } catch {
        // the database is away for a moment: nothing is sent, the next read tries again
      }
      if (Date.now() - lastWrite >= KEEP_ALIVE_MS) {
        res.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      await new Promise((r) => setTimeout(r, STREAM_POLL_MS));
    }
    res.end();
  }
}

const digestOf = (body: string) => createHash('sha256').update(body).digest('base64url').slice(0, 16);

import { Inject, Injectable } from '@nestjs/common';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import type { SendOutcome } from '../email/mail-transport';
import { type AllowList, guardedLookup, parseAllowList, urlRefusal } from './ssrf-guard';
import { signatureHeader } from './webhook-signature';

export interface OutgoingWebhook {
  /** webhook-id: the notification's id, the same on every retry (the receiver's idempotency key) */
  id: string;
  url: string;
  /** the current secret first; a rotated one still honoured after it */
  secrets: string[];
  /** the exact bytes signed and sent */
  body: string;
}

export interface WebhookOutcome extends SendOutcome {
  /** 410 Gone: the receiver wants no more; the endpoint must be disabled */
  gone?: boolean;
  status?: number;
}

const MAX_ERROR_BODY = 300;

/**
 * POSTs one signed JSON body (Standard Webhooks headers). Never follows a redirect; connects only to
 * addresses the SSRF guard allows, checked inside the connection's own DNS lookup. The outcome says
 * whether a failure is worth retrying: network errors, timeouts, 408, 429 and 5xx are; 3xx and other 4xx
 * are not; 410 also disables the endpoint.
 */
@Injectable()
export class WebhookSender {
  private readonly allow: AllowList;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.allow = parseAllowList(config.WEBHOOK_ALLOW_PRIVATE);
  }

  async send(w: OutgoingWebhook, now = new Date()): Promise<WebhookOutcome> {
    const refused = urlRefusal(w.url, this.allow);
    if (refused) return { ok: false, permanent: true, error: `webhook URL refused: ${refused}` };
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Tocsin-Webhooks/1',
      'webhook-id': w.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(w.secrets, w.id, timestamp, w.body),
    };
    try {
      const res = await this.post(new URL(w.url), headers, w.body);
      return classify(res.status, res.location, res.text);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ESSRF') return { ok: false, permanent: true, error: err.message };
      return { ok: false, permanent: false, error: `webhook unreachable: ${err.code ?? ''} ${err.message}`.trim() };
    }
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; location?: string; text: string }> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        {
          protocol: url.protocol,
          hostname: host,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          // a literal address was checked by urlRefusal; a name is checked here, on the addresses connected to
          lookup: isIP(host) ? undefined : guardedLookup(this.allow),
          agent: false,
          timeout: this.config.WEBHOOK_TIMEOUT_MS,
          servername: isIP(host) ? undefined : host,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            // only the start of the answer is kept (for the error message); the rest is drained
            if (size < 4096) chunks.push(c);
            size += c.length;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      // the whole exchange, not only the idle time between packets, is bounded
      const deadline = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })), this.config.WEBHOOK_TIMEOUT_MS);
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.on('close', () => clearTimeout(deadline));
      req.end(body);
    });
  }
}

/** What an HTTP answer means for this notification (Standard Webhooks' status-code etiquette). */
export function classify(status: number, location: string | undefined, text: string): WebhookOutcome {
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_BODY);
  if (status >= 200 && status < 300) return { ok: true, permanent: false, status };
  if (status >= 300 && status < 400) {
    return { ok: false, permanent: true, status, error: `webhook answered ${status} (redirect to ${(location ?? 'nowhere').slice(0, 200)} not followed: update the endpoint URL)` };
  }
  if (status === 410) return { ok: false, permanent: true, gone: true, status, error: `webhook answered 410 Gone: endpoint disabled${snippet ? ` (${snippet})` : ''}` };
  const temporary = status === 408 || status === 429 || status >= 500;
  return { ok: false, permanent: !temporary, status, error: `webhook answered ${status}${snippet ? `: ${snippet}` : ''}` };
}

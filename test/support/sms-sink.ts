import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  account: string;
  auth: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string;
  /** when the request arrived (ms since the epoch) */
  at: number;
}

/** A real HTTP server in the test process speaking the common SMS provider REST shape. */
export class SmsSink {
  readonly received: ReceivedSms[] = [];
  failFor: (to: string) => { status: number; body: string } | null = () => null;
  /** milliseconds before answering each message (a slow provider) */
  delayMs = 0;
  /** the most requests ever being answered at once */
  maxInFlight = 0;
  private inFlight = 0;
  private server?: http.Server;
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const m = /^\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      const at = Date.now();
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      res.on('close', () => this.inFlight--);
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (req.method !== 'POST' || !m) return res.writeHead(404).end();
        const form = new URLSearchParams(raw);
        const fail = this.failFor(form.get('To') ?? '');
        if (fail) return res.writeHead(fail.status, { 'Content-Type': 'application/json' }).end(fail.body);
        this.received.push({
          account: decodeURIComponent(m[1]),
          auth: req.headers.authorization ?? '',
          to: form.get('To') ?? '',
          from: form.get('From') ?? '',
          body: form.get('Body') ?? '',
          statusCallback: form.get('StatusCallback') ?? '',
          at,
        });
        // unique across the run's test files (they share one database): a provider's ids never repeat
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ sid: `SM${randomBytes(12).toString('hex')}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  to(number: string): ReceivedSms[] {
    return this.received.filter((s) => s.to === number);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** the raw body, exactly as received (what the signature covers) */
  body: string;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: string };

/**
 * A real HTTP server in the test process receiving webhooks. Each path answers from its script (the
 * next reply each time, the last one repeated), 200 by default.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, Reply[]>();
  private server?: http.Server;
  port = 0;

  constructor(private readonly host = '127.0.0.1') {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const script = this.scripts.get(path) ?? [];
        const reply = (script.length > 1 ? script.shift() : script[0]) ?? { status: 200, body: 'ok' };
        res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, this.host, () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  /** Replies for a path, in order; the last one repeats. */
  script(path: string, ...replies: Reply[]): void {
    this.scripts.set(path, replies);
  }

  url(path: string): string {
    return `http://${this.host}:${this.port}${path}`;
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

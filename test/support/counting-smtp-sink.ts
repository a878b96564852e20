// An SMTP server for fan-outs of tens of thousands: it keeps only each message's envelope recipient and
// Message-ID (no MIME parsing), so the test process's CPU goes to Tocsin, not to the sink. It can refuse
// connections with 421 (a relay restarting) for an outage.
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Accepted {
  to: string;
  messageId: string;
  at: number;
}

export class CountingSmtpSink {
  readonly accepted: Accepted[] = [];
  /** when set, every new connection is answered 421 (service not available) and closed */
  refuse421 = false;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, cb) => {
        if (!this.refuse421) return cb();
        const err = new Error('4.3.2 Service shutting down, try again later') as Error & { responseCode: number };
        err.responseCode = 421;
        cb(err);
      },
      onData: (stream, session, cb) => {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 8192) head += c.toString('latin1');
        });
        stream.on('error', cb);
        stream.on('end', () => {
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
          const at = Date.now();
          for (const r of session.envelope.rcptTo) this.accepted.push({ to: r.address, messageId, at });
          cb();
        });
      },
    });
    this.server.on('error', () => undefined); // clients killed mid-session reset their sockets
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages accepted per recipient address. */
  byRecipient(prefix: string): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const a of this.accepted) {
      if (!a.to.startsWith(prefix)) continue;
      const ids = m.get(a.to);
      if (ids) ids.push(a.messageId);
      else m.set(a.to, [a.messageId]);
    }
    return m;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: ParsedMail['headers'];
  /** the message exactly as it crossed the wire */
  raw: string;
}

/**
 * A real SMTP server inside the test process. `failFor` lets a test make it answer 4xx/5xx for some
 * recipients, to exercise retries and permanent failures.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  failFor: (rcpt: string) => { code: number; message: string } | null = () => null;
  /** milliseconds to wait before accepting each message (a slow provider) */
  delayMs = 0;
  /** envelope recipients of the messages waiting at a closed gate (see hold) */
  readonly held: string[] = [];
  private gate?: Promise<void>;

  /** Holds every message at the end of its DATA until the returned function is called: the sender's lanes stand still. */
  hold(): () => void {
    let open!: () => void;
    this.gate = new Promise((r) => (open = r));
    return () => {
      this.gate = undefined;
      open();
    };
  }
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address, _session, cb) => {
        const fail = this.failFor(address.address);
        if (fail) {
          const err = new Error(fail.message) as Error & { responseCode: number };
          err.responseCode = fail.code;
          return cb(err);
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', cb);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then(async (mail) => {
              if (this.gate) {
                this.held.push(...session.envelope.rcptTo.map((r) => r.address));
                await this.gate;
              }
              if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
              this.received.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                html: typeof mail.html === 'string' ? mail.html : '',
                messageId: mail.messageId ?? '',
                headers: mail.headers,
                raw: raw.toString('utf8'),
              });
              cb();
            })
            .catch(cb);
        });
      },
    });
    // a client that dies mid-session (a worker killed with SIGKILL) resets its socket: expected here, not a test failure
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

// Development only: a mail catcher inside the API process, so `npm run dev` needs no Mailpit. The worker
// sends to it over real SMTP (SMTP_URL points here); the console lists what it caught under "Outbox".
// smtp-server and mailparser are development dependencies: they are loaded only when the catcher starts.
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';

export interface CaughtMail {
  n: number;
  at: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Messages kept (the newest); older ones are dropped. */
const KEEP = 500;

/** Whether this process runs the catcher (the console shows its Outbox link only then). */
export let outboxRunning = false;

@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private readonly mails: CaughtMail[] = [];
  private server?: { close(cb: () => void): void };
  private count = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const port = this.config.DEV_MAIL_CATCHER_PORT;
    if (port === undefined || this.config.NODE_ENV !== 'development') return;
    const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]);
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then((m) => {
            this.mails.unshift({
              n: ++this.count,
              at: new Date(),
              from: m.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
            });
            this.mails.length = Math.min(this.mails.length, KEEP);
            cb();
          })
          .catch(cb);
      },
    });
    server.on('error', (e: Error) => this.logger.warn(`mail catcher: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    outboxRunning = true;
    const bound = (server.server.address() as AddressInfo).port;
    this.logger.log(`development mail catcher on smtp://127.0.0.1:${bound}: messages are listed in the console under Outbox`);
  }

  async onModuleDestroy(): Promise<void> {
    outboxRunning = false;
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  list(): CaughtMail[] {
    return this.mails;
  }

  get(n: number): CaughtMail | undefined {
    return this.mails.find((m) => m.n === n);
  }
}

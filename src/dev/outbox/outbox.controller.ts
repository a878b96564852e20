import { Get, NotFoundException, Param, ParseIntPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConsoleController } from '../../console/console.decorators';
import { ConsoleRenderer } from '../../console/console.renderer';
import { OutboxService } from './outbox.service';

/** Development only: what the built-in mail catcher received (404 when it is not running). */
@ConsoleController('outbox')
export class OutboxController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly renderer: ConsoleRenderer,
  ) {}

  @Get()
  list(@Res() res: Response) {
    if (!this.outbox.running) throw new NotFoundException('The outbox exists in development only (npm run dev)');
    this.renderer.render(res, 'outbox/list', { title: 'Outbox (development)', mails: this.outbox.list() });
  }

  @Get(':n')
  show(@Param('n', ParseIntPipe) n: number, @Res() res: Response) {
    const mail = this.outbox.running ? this.outbox.get(n) : undefined;
    if (!mail) throw new NotFoundException('No such message in the outbox');
    this.renderer.render(res, 'outbox/show', { title: mail.subject || 'Message', mail });
  }
}

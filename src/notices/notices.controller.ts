import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { NoticePageService, PageOutcome } from './notice-page.service';
import { readForm } from './read-form.util';

/** The customer's personal notice page: public, the token in the path is the only credential. */
@ApiExcludeController()
@Public()
@Controller('n')
export class NoticesController {
  constructor(private readonly pages: NoticePageService) {}

  @Get(':token')
  async view(@Param('token') token: string, @Query('asked') asked: unknown, @Res() res: Response): Promise<void> {
    this.send(res, await this.pages.view(token, asked === '1'));
  }

  @Post(':token/ack')
  async acknowledge(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.send(res, await this.pages.acknowledge(token, await readForm(req), originOf(req)));
  }

  @Post(':token/feedback')
  async feedback(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.send(res, await this.pages.giveFeedback(token, await readForm(req), originOf(req)));
  }

  /** "Claim" on the customer's remedy offer (#20): the same protections as the acknowledgement. */
  @Post(':token/claim')
  async claim(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.send(res, await this.pages.claimOffer(token, await readForm(req), originOf(req)));
  }

  /** A question for the contact centre (#21 item 4): stored as a contact, limited per link and per address. */
  @Post(':token/question')
  async question(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.send(res, await this.pages.askQuestion(token, await readForm(req), originOf(req), req.ip));
  }

  private send(res: Response, outcome: PageOutcome): void {
    res.set(this.pages.headers);
    // after a post, back to the page (a reload does not post again)
    if ('redirect' in outcome) res.redirect(303, outcome.redirect);
    else res.status(outcome.status).set(outcome.headers ?? {}).send(outcome.html);
  }
}

const originOf = (req: Request) => ({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'] as string | undefined });

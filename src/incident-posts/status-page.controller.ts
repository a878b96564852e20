import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { StatusPageService } from './status-page.service';

/** The public status page of an incident (#21 item 3): opt-in, no personal data; the slug is public. */
@ApiExcludeController()
@Public()
@Controller('status')
export class StatusPageController {
  constructor(private readonly pages: StatusPageService) {}

  @Get(':slug')
  async view(@Param('slug') slug: string, @Query('lang') lang: unknown, @Res() res: Response): Promise<void> {
    const page = await this.pages.view(slug, typeof lang === 'string' ? lang : undefined);
    res.set(page.headers).status(page.status).send(page.html);
  }
}

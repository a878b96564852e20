import { Body, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { offerKeySchema } from '../../offers/dto/offer.dto';
import { OffersService } from '../../offers/offers.service';
import { setFlash } from '../console-http';
import { ConsoleController, ConsoleRoles, ConsoleUser } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { type ConsoleUser as User } from '../sessions/session.service';

/**
 * Comms see the remedy offers with their pools (and the low-pool warning) and add codes, pasted one per
 * line (a file goes through POST /api/v1/offers/{key}/codes). The API's service does the work (audited).
 */
@ConsoleController('offers')
@ConsoleRoles(Role.comms)
export class ConsoleOffersController {
  constructor(
    private readonly offers: OffersService,
    private readonly renderer: ConsoleRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    await this.page(res);
  }

  @Post(':key/codes')
  async upload(@Param('key') key: string, @Body() body: Record<string, unknown>, @ConsoleUser() me: User, @Res() res: Response) {
    const parsedKey = offerKeySchema.safeParse(key);
    const codes = typeof body?.codes === 'string' ? body.codes : '';
    if (!parsedKey.success || !codes.trim()) return this.page(res, ['Paste the codes, one per line (or choose a file).'], 400);
    try {
      const r = await this.offers.upload(parsedKey.data, Readable.from([codes]), me, false);
      const rejected = r.rejected ? `; ${r.rejected} row(s) refused (${r.errors.map((e) => `row ${e.row}: ${e.message}`).slice(0, 5).join('; ')})` : '';
      setFlash(res, res.req, this.config.PUBLIC_URL, `${r.added} code(s) added to ${parsedKey.data}, ${r.duplicates} already there${rejected}. ${r.pool?.free ?? 0} free now.`);
      res.redirect(303, '/console/offers');
    } catch (e) {
      if (e instanceof AppException) return this.page(res, [e.message], 422);
      throw e;
    }
  }

  private async page(res: Response, errors?: string[], status = 200) {
    const { items } = await this.offers.list(null, 500);
    this.renderer.render(res, 'offers/list', { title: 'Remedy offers', items, errors }, { status });
  }
}

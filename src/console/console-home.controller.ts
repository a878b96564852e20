import { BadRequestException, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { roleSatisfies } from '../auth/role';
import { ConsoleController, ConsoleUser } from './console.decorators';
import { CONSOLE_NAV } from './console-nav';
import { ConsoleRenderer, ASSETS_DIR } from './console.renderer';
import { type ConsoleUser as User } from './sessions/session.service';

const ASSET_NAME = /^[a-z0-9][a-z0-9.-]{0,80}\.(css|js|svg|png|woff2)$/;

/** The console's start page. */
@ConsoleController()
export class ConsoleHomeController {
  constructor(private readonly renderer: ConsoleRenderer) {}

  @Get()
  home(@ConsoleUser() user: User, @Res() res: Response) {
    const screens = CONSOLE_NAV.filter((n) => roleSatisfies(user.role, n.roles) && (n.shown?.() ?? true));
    this.renderer.render(res, 'home', { title: 'Tocsin console', screens });
  }
}

/** CSS, scripts and icons of the console, served from this process (no CDN: it must work offline). */
@ConsoleController('assets', { public: true })
export class ConsoleAssetsController {
  @Get(':name')
  asset(@Param('name') name: string, @Res() res: Response) {
    if (!ASSET_NAME.test(name) || name.includes('..')) throw new BadRequestException('Unknown asset');
    res.sendFile(name, { root: ASSETS_DIR, dotfiles: 'deny', maxAge: '1h', headers: { 'X-Content-Type-Options': 'nosniff' } }, (err) => {
      if (err && !res.headersSent) res.status(404).type('text/plain').send('Not found');
    });
  }
}

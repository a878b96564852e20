import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ASSETS_DIR } from './console.renderer';

/** /favicon.ico, which browsers ask for on every origin (the console's pages also link the SVG). */
@Controller()
@Public()
@ApiExcludeController()
export class FaviconController {
  @Get('favicon.ico')
  ico(@Res() res: Response) {
    res.sendFile('favicon.ico', { root: ASSETS_DIR, maxAge: '7d', headers: { 'Content-Type': 'image/x-icon', 'X-Content-Type-Options': 'nosniff' } });
  }
}

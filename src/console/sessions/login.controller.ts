import { Body, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { safeEqual } from '../../common/safe-equal';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { ConsoleController } from '../console.decorators';
import { type ConsoleRequest, cookieOptions, CSRF_FIELD, LOGIN_CSRF_COOKIE, readCookie, safeNext, SESSION_COOKIE, setFlash } from '../console-http';
import { ConsoleRenderer } from '../console.renderer';
import { SESSION_TTL_MS, SessionService } from './session.service';
import { OidcSignInService } from '../sso/oidc-sign-in.service';

const loginForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  next: z.string().max(2000).optional(),
  [CSRF_FIELD]: z.string().max(200).optional(),
});

const WRONG = 'Email or password is wrong.';

/** Sign in and out. The login form has no session yet, so it carries a double-submit token of its own. */
@ConsoleController('', { public: true })
export class LoginController {
  constructor(
    private readonly sessions: SessionService,
    private readonly renderer: ConsoleRenderer,
    private readonly oidc: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  async form(@Req() req: ConsoleRequest, @Res() res: Response, @Query('next') next?: string) {
    if (await this.sessions.resolve(readCookie(req, SESSION_COOKIE))) return res.redirect(303, safeNext(next));
    this.page(req, res, { next: safeNext(next) });
  }

  @Post('login')
  @HttpCode(200)
  async login(@Req() req: ConsoleRequest, @Res() res: Response, @Body() raw: unknown) {
    const parsed = loginForm.safeParse(raw ?? {});
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    const expected = readCookie(req, LOGIN_CSRF_COOKIE);
    if (!expected || !parsed.success || !safeEqual(parsed.data[CSRF_FIELD] ?? '', expected)) {
      if (!parsed.success && expected && safeEqual(String((raw as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? ''), expected)) {
        return this.page(req, res, { next, error: 'Enter your email and password.', email: '' }, 400);
      }
      return this.page(req, res, { next, error: 'The sign-in form expired. Please try again.' }, 403);
    }
    const result = await this.sessions.login(parsed.data.email, parsed.data.password, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (!result.ok && result.reason === 'locked') {
      const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
      res.setHeader('Retry-After', String(Math.ceil((result.until.getTime() - Date.now()) / 1000)));
      return this.page(req, res, { next, email: parsed.data.email, error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` }, 429);
    }
    if (!result.ok) return this.page(req, res, { next, email: parsed.data.email, error: WRONG }, 401);
    await this.sessions.logout(readCookie(req, SESSION_COOKIE)); // a session this browser had before ends: one live session per sign-in
    res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(req, this.config.PUBLIC_URL));
    res.cookie(SESSION_COOKIE, result.token, cookieOptions(req, this.config.PUBLIC_URL, SESSION_TTL_MS));
    res.redirect(303, next);
  }

  /** Needs the session's CSRF token like every other form (checked here: this controller has no guard). */
  @Post('logout')
  async logout(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, unknown> | undefined) {
    const token = readCookie(req, SESSION_COOKIE);
    const session = await this.sessions.resolve(token);
    if (session && !safeEqual(String(body?.[CSRF_FIELD] ?? ''), session.csrfToken)) {
      req.console = session;
      return this.renderer.render(res, 'errors/error', { title: 'Not allowed', status: 403, message: 'This form has expired. Reload the page and try again.' }, { status: 403 });
    }
    await this.sessions.logout(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, this.config.PUBLIC_URL));
    setFlash(res, req, this.config.PUBLIC_URL, 'You are signed out.');
    res.redirect(303, '/console/login');
  }

  private page(req: ConsoleRequest, res: Response, data: Record<string, unknown>, status = 200) {
    // one token per browser until it signs in: a page rendered after a failure keeps the same one
    const current = readCookie(req, LOGIN_CSRF_COOKIE);
    const csrf = current && /^[\w-]{32}$/.test(current) ? current : randomBytes(24).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, csrf, cookieOptions(req, this.config.PUBLIC_URL, 60 * 60_000));
    this.renderer.render(res, 'auth/login', { title: 'Sign in', csrfToken: csrf, sso: this.oidc.enabled, ...data }, { status });
  }
}

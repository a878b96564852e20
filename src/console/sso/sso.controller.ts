import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { ConsoleController } from '../console.decorators';
import { type ConsoleRequest, cookieOptions, readCookie, safeNext, SESSION_COOKIE } from '../console-http';
import { ConsoleRenderer } from '../console.renderer';
import { SESSION_TTL_MS } from '../sessions/session.service';
import { OidcSignInService, SsoFlow } from './oidc-sign-in.service';

const FLOW_COOKIE = 'tocsin_sso';
const FLOW_TTL_MS = 10 * 60_000;

/** Single sign-on: to the IdP and back. The session cookie is SameSite=Strict, so the callback lands on a page of ours first. */
@ConsoleController('sso', { public: true })
export class SsoController {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly renderer: ConsoleRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async start(@Req() req: ConsoleRequest, @Res() res: Response, @Query('next') next?: string) {
    if (!this.oidc.enabled) throw new AppException(ErrorCode.NotFound, 'Single sign-on is not configured');
    const { url, flow } = await this.oidc.start(safeNext(next));
    // Lax, not Strict: the IdP's redirect back is a cross-site navigation that must carry it
    res.cookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), { ...cookieOptions(req, this.config.PUBLIC_URL, FLOW_TTL_MS), sameSite: 'lax', path: '/console/sso' });
    res.redirect(303, url);
  }

  @Get('callback')
  async callback(@Req() req: ConsoleRequest, @Res() res: Response) {
    if (!this.oidc.enabled) throw new AppException(ErrorCode.NotFound, 'Single sign-on is not configured');
    const flow = readFlow(readCookie(req, FLOW_COOKIE));
    res.clearCookie(FLOW_COOKIE, { ...cookieOptions(req, this.config.PUBLIC_URL), sameSite: 'lax', path: '/console/sso' });
    if (!flow) throw new AppException(ErrorCode.Unauthorized, 'The sign-in took too long or did not start here: please sign in again');
    const { token } = await this.oidc.finish(req, flow);
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, this.config.PUBLIC_URL, SESSION_TTL_MS));
    // a page of our own, then a same-site navigation: the Strict session cookie is sent from there on
    res.setHeader('Refresh', `0; url=${flow.next}`);
    this.renderer.render(res, 'auth/signed-in', { title: 'Signed in', next: flow.next });
  }
}

function readFlow(cookie: string | undefined): SsoFlow | null {
  if (!cookie || cookie.length > 2000) return null;
  try {
    const f = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<SsoFlow>;
    return typeof f.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string' && typeof f.next === 'string' ? { state: f.state, nonce: f.nonce, verifier: f.verifier, next: safeNext(f.next) } : null;
  } catch {
    return null;
  }
}

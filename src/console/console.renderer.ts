import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { roleSatisfies } from '../auth/role';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { CONSOLE_NAV } from './console-nav';
import { CSRF_FIELD, type ConsoleRequest, cookieOptions, readCookie } from './console-http';
import { registerConsoleHelpers } from './console-helpers';

/** src/console/views under ts-node/jest, dist/console/views after `nest build` (nest-cli.json copies them). */
export const VIEWS_DIR = path.join(__dirname, 'views');
export const ASSETS_DIR = path.join(__dirname, 'assets');
const FLASH_COOKIE = 'tocsin_flash';

/** Headers of every console page: scripts and styles from /console/assets only, no framing, no caching. */
export const CONSOLE_PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface RenderOptions {
  status?: number;
  /** the page <title> and <h1>; defaults to data.title */
  title?: string;
}

/**
 * Renders console views (`views/<area>/<view>.hbs`) inside `views/layout.hbs`, with the partials of
 * `views/partials/`. Its own Handlebars instance (never the global one); values are HTML-escaped.
 * Every view sees: `user`, `csrfToken`, `csrfField` (the hidden input for forms), `flash`, `nav`, `title`.
 */
@Injectable()
export class ConsoleRenderer {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, HandlebarsTemplateDelegate>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    registerConsoleHelpers(this.hbs);
    const partials = path.join(VIEWS_DIR, 'partials');
    if (existsSync(partials)) {
      for (const f of readdirSync(partials, { recursive: true }) as string[]) {
        if (f.endsWith('.hbs')) this.hbs.registerPartial(f.slice(0, -4).split(path.sep).join('/'), readFileSync(path.join(partials, f), 'utf8'));
      }
    }
  }

  /** For a screen that needs a helper of its own (register it once, in the screen's constructor). */
  registerHelper(name: string, fn: Handlebars.HelperDelegate): void {
    this.hbs.registerHelper(name, fn);
  }

  render(res: Response, view: string, data: Record<string, unknown> = {}, opts: RenderOptions = {}): void {
    const html = this.renderToString(res.req, view, data, opts, res);
    res.status(opts.status ?? 200).set(CONSOLE_PAGE_HEADERS).send(html);
  }

  /** The page as a string (a fragment for JS, or tests). `res` lets the flash cookie be consumed. */
  renderToString(req: Request, view: string, data: Record<string, unknown>, opts: RenderOptions = {}, res?: Response): string {
    const session = (req as ConsoleRequest).console;
    const flash = readCookie(req, FLASH_COOKIE);
    if (flash && res) res.clearCookie(FLASH_COOKIE, cookieOptions(req, this.config.PUBLIC_URL));
    const csrfToken = session?.csrfToken ?? (data.csrfToken as string | undefined) ?? '';
    const title = opts.title ?? (data.title as string | undefined) ?? 'Tocsin';
    const here = req.path;
    const common = {
      title,
      user: session?.user,
      csrfToken,
      csrfField: new this.hbs.SafeString(`<input type="hidden" name="${CSRF_FIELD}" value="${this.hbs.escapeExpression(csrfToken)}">`),
      flash: flash ?? data.flash,
      nav: session
        ? CONSOLE_NAV.filter((n) => roleSatisfies(session.user.role, n.roles) && (n.shown?.() ?? true)).map((n) => ({
            ...n,
            current: here === n.href || (here.startsWith(n.href + '/') && !CONSOLE_NAV.some((o) => o.href !== n.href && o.href.startsWith(n.href) && here.startsWith(o.href))),
          }))
        : [],
    };
    const body = this.view(view)({ ...data, ...common });
    return this.view('layout')({ ...data, ...common, body: new this.hbs.SafeString(body) });
  }

  private view(name: string): HandlebarsTemplateDelegate {
    if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(name)) throw new Error(`bad console view name '${name}'`);
    let t = this.cache.get(name);
    if (!t) {
      t = this.hbs.compile(readFileSync(path.join(VIEWS_DIR, `${name}.hbs`), 'utf8'), { strict: false });
      this.cache.set(name, t);
    }
    return t;
  }
}

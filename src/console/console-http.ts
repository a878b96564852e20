// What the console keeps on the request and in cookies. The session cookie is read here (one named cookie:
// a split is enough, no cookie-parser middleware for the whole API) and written with express's res.cookie.
import type { CookieOptions, Request, Response } from 'express';
import { type ConsoleSessionInfo } from './sessions/session.service';

export const SESSION_COOKIE = 'tocsin_session';
/** double-submit token for the login form, which has no session yet */
export const LOGIN_CSRF_COOKIE = 'tocsin_login_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type ConsoleRequest = Request & { console?: ConsoleSessionInfo; flash?: string };

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, path /console, and Secure when the request or PUBLIC_URL is https. */
export function cookieOptions(req: Request, publicUrl: string, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure || publicUrl.startsWith('https:'),
    path: '/console',
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
  };
}

export function setFlash(res: Response, req: Request, publicUrl: string, message: string): void {
  res.cookie('tocsin_flash', message.slice(0, 300), cookieOptions(req, publicUrl, 60_000));
}

/**
 * A `next` target after login: only a path inside the console (no scheme, no `//host`, no backslash
 * tricks), else the console home. Prevents the login page being used as an open redirect.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/console';
  // printable ASCII only: the target is also written into a Refresh header (SSO), where a character over
  // U+00FF makes Node throw (a 500) and a control character has no business
  if (!/^\/console(\/|\?|$)/.test(next) || !/^[\x21-\x7e]+$/.test(next) || /\\|\/\//.test(next)) return '/console';
  return next;
}

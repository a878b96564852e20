import { Injectable, Logger } from '@nestjs/common';
import { type Role } from '@prisma/client';
import { createHash, randomBytes } from 'node:crypto';
import { AuditRepository } from '../../audit/audit.repository';
import { Clock } from '../../common/time/clock';
import { decoyHash, verifyPassword } from '../users/password.util';
import { UserRepository } from '../users/user.repository';
import { ACCOUNT_POLICY, accountKey, ADDRESS_POLICY, addressKey } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SessionRepository } from './session.repository';

/** A session lasts a working day; after that the user signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface ConsoleSessionInfo {
  id: string;
  csrfToken: string;
  user: ConsoleUser;
}

export type LoginResult = { ok: true; token: string; user: ConsoleUser } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; until: Date };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Console sign-in: random session tokens (only their hash is stored), a CSRF secret per session, and the
 * back-off. Every failure, whatever its cause, looks the same to the caller.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
    private readonly audit: AuditRepository,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const now = this.clock.now();
    const keys = [accountKey(email), addressKey(ip)];
    const until = await this.throttle.lockedUntil(keys, now);
    if (until) {
      await this.audit.record({ actorName: email.slice(0, 254), action: 'user.sign_in_refused', entityType: 'user', entityId: 'unknown', data: { reason: 'locked', until: until.toISOString() } });
      return { ok: false, reason: 'locked', until };
    }

    const user = await this.users.findByEmail(email.trim().toLowerCase());
    // an unknown email still costs one scrypt: response time does not tell which accounts exist
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !valid || user.disabled) {
      await this.throttle.fail(keys[0], ACCOUNT_POLICY, now);
      await this.throttle.fail(keys[1], ADDRESS_POLICY, now);
      // the address typed is kept (who was targeted), never the password; only admins read the audit
      await this.audit.record({ actorId: user?.id ?? null, actorName: email.slice(0, 254), action: 'user.sign_in_failed', entityType: 'user', entityId: user?.id ?? 'unknown', data: {} });
      return { ok: false, reason: 'invalid' };
    }
    await this.throttle.clear(keys[0]);
    const token = await this.startSession(user, 'password');
    this.throttle.purge(now).catch((e: Error) => this.logger.warn(`could not purge old login failures: ${e.message}`));
    return { ok: true, token, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  /** A new session for a user whose identity was checked (password or single sign-on); returns the cookie's token. */
  async startSession(user: { id: string; name: string }, method: 'password' | 'oidc'): Promise<string> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create({ tokenHash: sha256(token), userId: user.id, csrfSecret: randomBytes(32).toString('base64url'), expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
    await this.audit.record({ actorId: user.id, actorName: user.name, action: 'user.signed_in', entityType: 'user', entityId: user.id, data: { method } });
    this.users.touchLogin(user.id, now).catch((e: Error) => this.logger.warn(`could not record login: ${e.message}`));
    this.sessions.deleteExpired(now).catch((e: Error) => this.logger.warn(`could not purge expired sessions: ${e.message}`));
    return token;
  }

  /** The live session behind a cookie's token, or null (unknown, expired, or the user was disabled). */
  async resolve(token: string | undefined): Promise<ConsoleSessionInfo | null> {
    if (!token || token.length > 200) return null;
    const s = await this.sessions.findByTokenHash(sha256(token));
    if (!s || s.expiresAt <= this.clock.now() || s.user.disabled) return null;
    return { id: s.id, csrfToken: s.csrfSecret, user: { id: s.user.id, email: s.user.email, name: s.user.name, role: s.user.role } };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.sessions.delete(sha256(token));
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { BaseClient, generators, Issuer } from 'openid-client';
import { AuditRepository } from '../../audit/audit.repository';
import { type Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { ConfigError } from '../../config/config.schema';
import { SessionService } from '../sessions/session.service';
import { hashPassword } from '../users/password.util';
import { UserRepository } from '../users/user.repository';
import { parseRoleMap, roleForGroups, RoleMap } from './sso-role-map';

/** What the browser keeps between the redirect to the IdP and the callback (random per sign-in). */
export interface SsoFlow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

/**
 * Console sign-in through the company's OpenID provider (authorization code + PKCE, openid-client): the
 * IdP's groups give the role at every sign-in; people without a mapped group get no access. Local
 * passwords keep working (a break-glass admin).
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);
  private readonly roleMap: RoleMap | null;
  private client?: Promise<BaseClient>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditRepository,
  ) {
    if (!config.OIDC_ISSUER_URL) {
      this.roleMap = null;
      return;
    }
    const map = parseRoleMap(config.OIDC_ROLE_MAP);
    if (typeof map === 'string') throw new ConfigError(`Invalid configuration:\n  - OIDC_ROLE_MAP: ${map}`);
    this.roleMap = map;
  }

  get enabled(): boolean {
    return this.roleMap !== null;
  }

  private get redirectUri(): string {
    return `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/console/sso/callback`;
  }

  /** Discovered once; a failed discovery (IdP down) is tried again at the next sign-in. */
  private getClient(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.config.OIDC_ISSUER_URL!).then(
      (issuer) => new issuer.Client({ client_id: this.config.OIDC_CLIENT_ID!, client_secret: this.config.OIDC_CLIENT_SECRET!, redirect_uris: [this.redirectUri], response_types: ['code'] }),
      (e: Error) => {
        this.client = undefined;
        throw new AppException(ErrorCode.ServiceUnavailable, `The sign-in provider cannot be reached: ${e.message}`);
      },
    );
    return this.client;
  }

  async start(next: string): Promise<{ url: string; flow: SsoFlow }> {
    const client = await this.getClient();
    const flow: SsoFlow = { state: generators.state(), nonce: generators.nonce(), verifier: generators.codeVerifier(), next };
    const url = client.authorizationUrl({ scope: this.config.OIDC_SCOPES, state: flow.state, nonce: flow.nonce, code_challenge: generators.codeChallenge(flow.verifier), code_challenge_method: 'S256' });
    return { url, flow };
  }

  /** Checks the answer (state, nonce, PKCE, ID token), maps the groups to a role, provisions the user and opens a session. */
  async finish(req: IncomingMessage, flow: SsoFlow): Promise<{ token: string; role: Role }> {
    const client = await this.getClient();
    const params = client.callbackParams(req);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.callback(this.redirectUri, params, { state: flow.state, nonce: flow.nonce, code_verifier: flow.verifier });
      claims = { ...(await client.userinfo(tokens).catch(() => ({}))), ...tokens.claims() };
    } catch (e) {
      await this.refused(null, 'provider_error', (e as Error).message);
      throw new AppException(ErrorCode.Unauthorized, `Single sign-on failed: ${(e as Error).message}`);
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || claims.email_verified === false) {
      await this.refused(null, 'no_verified_email', String(claims.sub ?? ''));
      throw new AppException(ErrorCode.Forbidden, 'Your identity provider did not give a verified email address');
    }
    const role = roleForGroups(claims[this.config.OIDC_GROUPS_CLAIM], this.roleMap!);
    if (!role) {
      await this.refused(email, 'no_mapped_group', String(claims.sub ?? ''));
      throw new AppException(ErrorCode.Forbidden, 'None of your groups gives access to Tocsin: ask an administrator');
    }
    const name = (typeof claims.name === 'string' && claims.name.trim().slice(0, 100)) || email;
    let user = await this.users.findByEmail(email);
    if (!user) {
      // no local password: a random one nobody knows (local sign-in stays for accounts created with one)
      user = await this.users.create({ email, name, role, passwordHash: await hashPassword(randomBytes(32).toString('base64url')) });
      user ??= await this.users.findByEmail(email); // created at the same moment by a second sign-in
      if (!user) throw new Error('user could not be provisioned');
      await this.audit.record({ actorName: 'sso', action: 'user.created', entityType: 'user', entityId: user.id, data: { email, role, via: 'oidc' } });
    } else if (user.role !== role && !user.disabled) {
      await this.users.setRole(user.id, role);
      await this.audit.record({ actorName: 'sso', action: 'user.role_changed', entityType: 'user', entityId: user.id, data: { before: user.role, after: role, via: 'oidc groups' } });
    }
    if (user.disabled) {
      await this.refused(email, 'disabled', user.id);
      throw new AppException(ErrorCode.Forbidden, 'Your Tocsin account is disabled');
    }
    const token = await this.sessions.startSession({ id: user.id, name: user.name }, 'oidc');
    return { token, role };
  }

  private refused(email: string | null, reason: string, subject: string) {
    this.logger.warn(`single sign-on refused (${reason})`);
    return this.audit.record({ actorName: email ?? 'unknown', action: 'user.sign_in_failed', entityType: 'user', entityId: 'unknown', data: { via: 'oidc', reason, subject: subject.slice(0, 200) } });
  }
}

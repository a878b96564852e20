// A real OpenID provider (oidc-provider, ESM) for the single sign-on tests, run in its own process.
// argv: <client redirect uri>. Prints "ready <issuer>" once listening. Accounts: any login; the groups
// come from GROUPS below (login "nogroups" has none).
import { createServer } from 'node:net';
import Provider from 'oidc-provider';

const [redirectUri] = process.argv.slice(2);
const GROUPS = { alice: ['all-staff', 'ir-leads'], bob: ['all-staff'], root: ['sec-admins'], nogroups: [] };

// the issuer names its port: take a free one first
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: 'tocsin', client_secret: 'tocsin-test-client-secret', redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['test-cookie-key-0123456789'] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@idp.test`, email_verified: true, name: `SSO ${id}`, groups: GROUPS[id] ?? [] }),
  }),
});
provider.proxy = false;

provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));

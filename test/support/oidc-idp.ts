// Starts test/support/oidc-idp.mjs (a real oidc-provider) in a child process, and walks its sign-in
// pages the way a browser would (its own cookies, forms posted), returning the callback address.
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export class TestIdp {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
  ) {}

  static async start(redirectUri: string): Promise<TestIdp> {
    const child = spawn(process.execPath, [path.join(__dirname, 'oidc-idp.mjs'), redirectUri], { stdio: ['ignore', 'pipe', 'pipe'] });
    const issuer = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /ready (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`the test identity provider exited (${code})`)));
    });
    return new TestIdp(child, issuer);
  }

  stop(): void {
    this.child.kill();
  }

  /** Follows the IdP from the authorization URL to the redirect back to Tocsin, signing in as `login` and consenting. */
  async signIn(authorizationUrl: string, login: string): Promise<string> {
    const cookies = new Map<string, string>();
    const send = async (url: string, form?: Record<string, string>) => {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form).toString() : undefined,
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
      return res;
    };
    let url = authorizationUrl;
    for (let hop = 0; hop < 20; hop++) {
      const res = await send(url);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, url).toString();
        if (!next.startsWith(this.issuer)) return next; // back to Tocsin
        url = next;
        continue;
      }
      const html = await res.text();
      const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '', url).toString();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!prompt) throw new Error(`unexpected IdP page (${res.status}): ${html.slice(0, 300)}`);
      const submitted = await send(action, prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      url = new URL(submitted.headers.get('location')!, action).toString();
    }
    throw new Error('the IdP did not send the browser back');
  }
}

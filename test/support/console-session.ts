// Console sign-in for e2e tests: a supertest agent that keeps the session cookie, plus the CSRF token
// every console form needs.
import request from 'supertest';
import { auth, Harness } from './harness';

export interface ConsoleAgent {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  email: string;
  password: string;
  /** `tocsin_session=…`, for a raw request (e.g. an event stream) */
  cookie: string;
}

let counter = 0;

/** The hidden `_csrf` value of the first form on a console page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field on the page');
  return m[1];
}

/** Creates a user with this role (through the admin API) and signs in as them. */
export async function consoleLogin(h: Harness, role: string, opts: { email?: string; password?: string } = {}): Promise<ConsoleAgent> {
  const email = opts.email ?? `${role}-${Date.now()}-${++counter}@console.test`;
  const password = opts.password ?? `pw-${role}-0123456789`;
  await h.http.post('/api/v1/users').set(auth()).send({ email, name: `${role} person`, role, password }).expect(201);
  const agent = request.agent(h.api.getHttpServer());
  const form = await agent.get('/console/login').expect(200);
  const login = await agent.post('/console/login').type('form').send({ email, password, _csrf: csrfOf(form.text) }).expect(303);
  const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('tocsin_session='))!.split(';')[0];
  const home = await agent.get('/console').expect(200);
  return { agent, csrf: csrfOf(home.text), email, password, cookie };
}

import { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '../src/bootstrap';
import { loadConfig } from '../src/config/config.schema';
import { auth, Harness, RELAXED_THROTTLING } from './support/harness';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; details?: { retryAfterSeconds?: number } } };
}

/** One request from a chosen loopback source address (127.0.0.0/8), so each test is its own client. */
function call(app: INestApplication, from: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, localAddress: from, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const LIMITS = { THROTTLE_PER_KEY: '20', THROTTLE_PER_ADDRESS: '150', THROTTLE_HIGH_VOLUME_PER_KEY: '60', THROTTLE_SENSITIVE_PER_MINUTE: '3', THROTTLE_AUTH_FAILURES: '5', THROTTLE_AUTH_BLOCK_SECONDS: '60', TEST_SEND_DOMAINS: 'comms.test' };

describe('Throttling (limits in Redis, shared by API processes)', () => {
  let h: Harness;
  const savedPrefix = process.env.QUEUE_PREFIX;
  const newKey = async (name: string) => (await h.http.post('/api/v1/api-keys').set(auth()).send({ name, role: 'comms' }).expect(201)).body.secret as string;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    // counters of their own (the throttle keys carry the queue prefix): these low limits must not block the
    // admin key of test files running at the same time against the same Redis
    h = await Harness.start({ workers: 0, env: { ...LIMITS, QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-throttling` } });
    await h.api.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await h.stop();
    Object.assign(process.env, RELAXED_THROTTLING, { QUEUE_PREFIX: savedPrefix });
  });

  it('answers 429 with Retry-After past the per-key limit, and counts each key on its own', async () => {
    const [k1, k2] = [await newKey('busy'), await newKey('quiet')];
    const replies: Reply[] = [];
    for (let i = 0; i < 25; i++) replies.push(await call(h.api, '127.0.0.2', 'GET', '/api/v1/runbooks/none', bearer(k1)));
    expect(replies.filter((r) => r.status === 404)).toHaveLength(20);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited[0].body.error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    expect((await call(h.api, '127.0.0.2', 'GET', '/api/v1/runbooks/none', bearer(k2))).status).toBe(404);
  });

  it('blocks an address after a few failed authentications, even for a good key, and not other addresses', async () => {
    const good = await newKey('good');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(h.api, '127.0.0.3', 'GET', '/api/v1/runbooks/none', bearer(`tcs_guess-${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await call(h.api, '127.0.0.3', 'GET', '/api/v1/runbooks/none', bearer(good));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
    expect((await call(h.api, '127.0.0.4', 'GET', '/api/v1/runbooks/none', bearer(good))).status).toBe(404);
  });

  it('limits a client address whatever it calls (here the public notice page)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 160; i++) statuses.push((await call(h.api, '127.0.0.5', 'GET', `/n/not-a-token-${i}`)).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await call(h.api, '127.0.0.5', 'GET', '/health')).status).toBe(200); // health checks are never throttled
  });

  it('is stricter on imports (sensitive routes)', async () => {
    const k = await newKey('importer');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call(h.api, '127.0.0.6', 'POST', '/api/v1/customers/import', { ...bearer(k), 'Content-Type': 'text/csv' }, `externalId,email\nthr-${i},t${i}@x.test\n`)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });

  it('is stricter on test-sends', async () => {
    const k = await newKey('tester');
    await h.http.put('/api/v1/templates/throttle-notice/email/en').set(auth()).send({ subject: 'Hi', html: '<p>Hi {{customer.name}}</p>', text: 'Hi', variables: ['customer.name'] }).expect(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call(h.api, '127.0.0.9', 'POST', '/api/v1/templates/throttle-notice/test-send', { ...bearer(k), 'Content-Type': 'application/json' }, JSON.stringify({ to: 'qa@comms.test' }))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('lets a marketing system ask about holds per message, up to its own higher limit', async () => {
    const k = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'crm', role: 'marketing' }).expect(201)).body.secret as string;
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await call(h.api, '127.0.0.8', 'GET', `/api/v1/holds/cust-${i}`, bearer(k))).status);
    expect(statuses.slice(0, 60).every((s) => s !== 429)).toBe(true); // three times the per-key limit of other routes
    expect(statuses.slice(60)).toEqual([429, 429, 429, 429, 429]);
  });

  it('holds one limit across two API processes', async () => {
    const second = await createApi(loadConfig());
    await second.init();
    await second.listen(0, '127.0.0.1');
    try {
      const k = await newKey('spread');
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await call(i % 2 ? second : h.api, '127.0.0.7', 'GET', '/api/v1/runbooks/none', bearer(k))).status);
      expect(statuses.filter((s) => s === 404)).toHaveLength(20); // 12 each: under the limit in either process alone
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    } finally {
      await second.close();
    }
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../config/config.schema';
import { classify, WebhookSender } from './webhook-sender';

describe(classify.name, () => {
  it.each([
    [200, { ok: true }],
    [204, { ok: true }],
    [301, { ok: false, permanent: true, error: expect.stringContaining('redirect to https://x.test/new not followed') }],
    [307, { ok: false, permanent: true }],
    [400, { ok: false, permanent: true, error: 'webhook answered 400: bad' }],
    [404, { ok: false, permanent: true }],
    [408, { ok: false, permanent: false }],
    [410, { ok: false, permanent: true, gone: true, error: expect.stringContaining('410 Gone: endpoint disabled') }],
    [429, { ok: false, permanent: false }],
    [500, { ok: false, permanent: false }],
    [503, { ok: false, permanent: false }],
  ])('treats %i as %o', (status, expected) => {
    expect(classify(status, 'https://x.test/new', 'bad')).toMatchObject(expected);
  });

  it('keeps only a short, one-line piece of the answer in the error', () => {
    const r = classify(500, undefined, `line\n${'x'.repeat(5000)}`);
    expect(r.error).toMatch(/^webhook answered 500: line x+$/);
    expect(r.error!.length).toBeLessThan(330);
  });
});

describe(WebhookSender.name, () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // /slow never answers; anything else echoes the signature headers it got
    server = http.createServer((req, res) => {
      if (req.url === '/slow') return;
      res.end(JSON.stringify({ id: req.headers['webhook-id'], sig: req.headers['webhook-signature'] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  const sender = (allow: string) => new WebhookSender({ WEBHOOK_ALLOW_PRIVATE: allow, WEBHOOK_TIMEOUT_MS: 300 } as AppConfig);

  it('gives up on a receiver that does not answer in time, as a temporary failure', async () => {
    const started = Date.now();
    const r = await sender('127.0.0.1').send({ id: 'n-1', url: `${base}/slow`, secrets: ['whsec_AAAA'], body: '{}' });
    expect(r).toMatchObject({ ok: false, permanent: false, error: expect.stringContaining('no answer within 300 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sends to an allow-listed loopback address and refuses it when not allow-listed', async () => {
    expect(await sender('127.0.0.1').send({ id: 'n-2', url: `${base}/ok`, secrets: ['whsec_AAAA', 'whsec_BBBB'], body: '{}' })).toMatchObject({ ok: true, status: 200 });
    expect(await sender('').send({ id: 'n-3', url: `${base}/ok`, secrets: ['whsec_AAAA'], body: '{}' })).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('127.0.0.1 is a loopback address') });
  });
});

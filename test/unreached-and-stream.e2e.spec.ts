import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { auth, ADMIN_KEY, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Unreached export and the live reach stream', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());

  it('exports who was not reached and why, with spreadsheet formulas neutralised', async () => {
    const prefix = uniq('unr');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    await h.http.put(`/api/v1/customers/${prefix}-formula`).set(auth()).send({ name: '=HYPERLINK("http://evil.test","click")', phone: '+33612345678' }).expect(201);
    h.sink.failFor = (rcpt) => (rcpt === `${prefix}-1@customers.test` ? { code: 550, message: 'Mailbox unavailable' } : null);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, [...externalIds, `${prefix}-formula`])).expect(201);
    await waitFor('done', async () => (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth())).body.state === 'monitoring');
    h.sink.failFor = () => null;

    const res = await h.http.get(`/api/v1/incidents/${body.id}/unreached.csv`).set(auth()).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.externalId).sort()).toEqual([`${prefix}-1`, `${prefix}-formula`].sort());
    const formula = rows.find((r) => r.externalId === `${prefix}-formula`)!;
    expect(formula.name).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(formula.phone).toBe("'+33612345678");
    expect(formula.why).toBe('notify-customers (email): suppressed (customer has no email address)');
    expect(rows.find((r) => r.externalId === `${prefix}-1`)!.why).toContain('failed (550 Mailbox unavailable)');
    await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/unreached.csv').set(auth()).expect(404);
  });

  it('streams reach as server-sent events', async () => {
    const prefix = uniq('sse');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const server = h.api.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const first = await new Promise<string>((resolve, reject) => {
      const req = http.get({ port, path: `/api/v1/incidents/${body.id}/reach/stream`, headers: { Authorization: `Bearer ${ADMIN_KEY}` } }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (buf.includes('\n\n')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    });
    expect(first).toContain('event: reach');
    const data = JSON.parse(/data: (.*)/.exec(first)![1]);
    expect(data).toMatchObject({ incidentId: body.id, affected: 2 });
  });
});

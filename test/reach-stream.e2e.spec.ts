import { AddressInfo } from 'node:net';
import type http from 'node:http';
import { EventSource } from 'eventsource';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';
import { ADMIN_KEY, auth, Harness, waitFor } from './support/harness';

/** The reach stream as an integrator's EventSource client sees it. */
describe('The reach stream (server-sent events)', () => {
  let h: Harness;
  let base: string;
  const sources: EventSource[] = [];

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    const server = h.api.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sources) s.close();
    await h.stop();
  });

  const open = (path: string) => {
    const es = new EventSource(`${base}${path}`, { fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers ?? {}), Authorization: `Bearer ${ADMIN_KEY}` } }) });
    sources.push(es);
    return es;
  };

  it('answers 404 JSON for an unknown incident instead of opening a stream', async () => {
    const res = await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/reach/stream').set(auth()).expect(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
  });

  it('sends reach when it changes, with ids, then a final `end` when the incident is closed, and stops', async () => {
    const prefix = uniq('stream');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const events: { type: string; id: string; data: Record<string, unknown>; at: number }[] = [];
    const es = open(`/api/v1/incidents/${body.id}/reach/stream`);
    for (const type of ['reach', 'end']) es.addEventListener(type, (e) => events.push({ type, id: e.lastEventId, data: JSON.parse(e.data), at: Date.now() }));
    let unnamed = 0;
    es.onmessage = () => unnamed++;

    await waitFor('every notice sent, as the stream says', async () => events.some((e) => e.type === 'reach' && e.data.sent === 3), 60_000);
    const reachEvents = events.filter((e) => e.type === 'reach');
    expect(reachEvents.every((e) => /^[A-Za-z0-9_-]{16}$/.test(e.id))).toBe(true);
    // never the same snapshot twice in a row
    for (let i = 1; i < reachEvents.length; i++) expect(reachEvents[i].id).not.toBe(reachEvents[i - 1].id);

    await h.http.post(`/api/v1/incidents/${body.id}/resolve`).set(auth()).send({}).expect(200);
    await h.http.post(`/api/v1/incidents/${body.id}/close`).set(auth()).send({}).expect(200);
    const end = await waitFor('the end event', async () => events.find((e) => e.type === 'end'), 30_000);
    expect(end.data).toEqual({ state: 'closed' });
    expect(unnamed).toBe(0); // every event is named (reach, end): documented in the API docs

    // the client reconnects with its last id: 204, so an EventSource stops for good instead of looping
    const last = events.filter((e) => e.type === 'reach').pop()!;
    await h.http.get(`/api/v1/incidents/${body.id}/reach/stream`).set(auth()).set('Last-Event-ID', last.id).expect(204);
    await waitFor('the EventSource to stop', async () => es.readyState === EventSource.CLOSED, 30_000);
  }, 240_000);
});

import { auth, Harness, waitFor } from './support/harness';
import { customers, declareBody, seedRunbook, uniq } from './factories/scenario.factory';

describe('Adding customers after declaration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
  });
  afterAll(() => h.stop());
  const reach = async (id: string) => (await h.http.get(`/api/v1/incidents/${id}/reach`).set(auth())).body;

  it('gives late additions every step already sent, once, without resending to anyone else', async () => {
    const prefix = uniq('late');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 3);
    const more = customers(`${prefix}-more`, 2);
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: more }).expect(200);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('first wave', async () => (await reach(body.id)).sent === 3 && (await reach(body.id)).state === 'monitoring');

    const add = await h.http
      .post(`/api/v1/incidents/${body.id}/affected`)
      .set(auth())
      .send({ externalIds: [...more.map((c) => c.externalId), externalIds[0]] })
      .expect(200);
    expect(add.body).toMatchObject({ added: 2, stepsCatchingUp: ['notify-customers'] });
    const r = await waitFor('late ones sent', async () => {
      const x = await reach(body.id);
      return x.sent === 5 && x.steps[0].state === 'completed' ? x : null;
    });
    expect(r).toMatchObject({ affected: 5, sent: 5, unreached: 0 });
    for (const c of [...externalIds, ...more.map((m) => m.externalId)]) expect(h.sink.to(`${c}@customers.test`)).toHaveLength(1);
  });

  it('refuses unknown customers and closed incidents', async () => {
    const prefix = uniq('late2');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 1);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    const r = await h.http.post(`/api/v1/incidents/${body.id}/affected`).set(auth()).send({ externalIds: ['nobody-here'] }).expect(422);
    expect(r.body.error.details.unknown).toEqual(['nobody-here']);
    await h.http.post(`/api/v1/incidents/${body.id}/affected`).set(auth()).send({}).expect(400);
    await h.http.post(`/api/v1/incidents/${body.id}/cancel`).set(auth()).send({}).expect(200);
    await h.http.post(`/api/v1/incidents/${body.id}/affected`).set(auth()).send({ externalIds }).expect(409);
  });
});

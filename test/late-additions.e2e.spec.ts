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

  it('adds customers from an uploaded file, reporting bad and unknown rows by number, and notifies the good ones', async () => {
    const prefix = uniq('upload');
    const { runbook, externalIds } = await seedRunbook(h, prefix, 2);
    const more = customers(`${prefix}-file`, 3);
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: more }).expect(200);
    const { body } = await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(runbook, externalIds)).expect(201);
    await waitFor('first wave', async () => (await reach(body.id)).state === 'monitoring');

    const file = ['\uFEFFexternalId', more[0].externalId, 'not valid!', more[1].externalId, `${prefix}-ghost`, externalIds[0], more[2].externalId, ''].join('\r\n');
    const r = await h.http.post(`/api/v1/incidents/${body.id}/affected/upload`).set(auth()).set('Content-Type', 'text/csv').send(file).expect(200);
    expect(r.body).toMatchObject({ rowsRead: 6, added: 3, alreadyAffected: 1, rejected: 2 });
    expect(r.body.errors).toEqual([
      { row: 2, field: 'externalId', message: expect.stringContaining("'not valid!'") },
      { row: 4, field: 'externalId', message: `'${prefix}-ghost' is not a known customer` },
    ]);
    await waitFor('file customers notified', async () => (await reach(body.id)).sent === 5);
    for (const c of more) expect(h.sink.to(`${c.externalId}@customers.test`)).toHaveLength(1);
    expect(h.sink.to(`${externalIds[0]}@customers.test`)).toHaveLength(1);
    await h.http.post(`/api/v1/incidents/${body.id}/affected/upload`).set(auth()).set('Content-Type', 'application/pdf').send('x').expect(415);
  });
});

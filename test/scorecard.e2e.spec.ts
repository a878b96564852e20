import { consoleLogin } from './support/console-session';
import { auth, Harness } from './support/harness';
import { declareOn, seedScorecardIncident, SET_A, SET_B } from './factories/scorecard.factory';
import { NoticeLinks } from '../src/notices/notice-links.service';

// Every expected number below is worked out by hand from SET_A / SET_B (test/factories/scorecard.factory.ts):
// A: 11 affected, 10 reached (8 email, 2 SMS), 9 answers (one without NPS), 4 acknowledgements.
describe('The customer-experience scorecard', () => {
  let h: Harness;
  let a: string;
  let b: string;
  let viewerKey: string;
  let commanderKey: string;
  const card = (id: string, q = '') => h.http.get(`/api/v1/incidents/${id}/scorecard${q}`).set(auth(viewerKey));

  beforeAll(async () => {
    h = await Harness.start();
    viewerKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'sc-viewer', role: 'viewer' }).expect(201)).body.secret;
    commanderKey = (await h.http.post('/api/v1/api-keys').set(auth()).send({ name: 'sc-commander', role: 'commander' }).expect(201)).body.secret;
    a = (await seedScorecardIncident(h, SET_A, { title: 'Scorecard incident A' })).incidentId;
    b = (await seedScorecardIncident(h, SET_B, { title: 'Scorecard incident B' })).incidentId;
    // claims: customers 0 and 8 of A claimed their offer, customer 1 has one unclaimed (the claim button is
    // item 2's; the rows are what it writes)
    const offer = await h.prisma.offer.create({ data: { key: `sc-offer-${a.slice(0, 8)}`, title: 'A year of credit monitoring', terms: 'Free for 12 months.' } });
    const people = await h.prisma.customer.findMany({ where: { affected: { some: { incidentId: a } } }, select: { id: true, externalId: true } });
    const idOf = (i: number) => people.find((p) => p.externalId.endsWith(`-${i}`))!.id;
    await h.prisma.offerAssignment.createMany({
      data: [
        { offerId: offer.id, customerId: idOf(0), incidentId: a, claimedAt: new Date() },
        { offerId: offer.id, customerId: idOf(8), incidentId: a, claimedAt: new Date() },
        { offerId: offer.id, customerId: idOf(1), incidentId: a },
      ],
    });
    await declareOn(h, a, '2001-03-10');
    await declareOn(h, b, '2001-03-20');
  }, 240_000);
  afterAll(() => h.stop());

  it('computes the figures of one incident as counted by hand', async () => {
    const { body } = await card(a).expect(200);
    expect(body.incident).toMatchObject({ id: a, title: 'Scorecard incident A', state: 'resolved' });
    expect(body.figures).toEqual({
      reached: 10,
      responses: 9,
      responseRate: 90,
      csat: { answers: 9, satisfiedPercent: 66.7, distribution: { 1: 1, 2: 1, 3: 1, 4: 3, 5: 3 } },
      ces: { answers: 9, average: 5, distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: 2 } },
      nps: { answers: 8, score: 25, promoters: 4, passives: 2, detractors: 2, distribution: { 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2 } },
      acknowledged: 4,
      acknowledgementRate: 40,
      claims: 2,
      claimRate: 20,
    });
    expect(body.breakdown).toBeNull();
  });

  it('takes reached, acknowledged and time to reach from the reach report itself', async () => {
    const [{ body: sc }, { body: reach }] = await Promise.all([card(a).expect(200), h.http.get(`/api/v1/incidents/${a}/reach`).set(auth()).expect(200)]);
    expect(sc.figures.reached).toBe(reach.reached);
    expect(sc.figures.acknowledged).toBe(reach.acknowledged);
    expect(sc.figures.claims).toBe(reach.claimed);
    expect(sc.timeToReach).toEqual({ count: reach.timeToReach.count, p50: reach.timeToReach.p50, p90: reach.timeToReach.p90 });
    expect(sc.timeToReach.count).toBe(10);
    expect(sc.timeToReach.p50).not.toBeNull();
  });

  it('breaks the figures down by locale, by a customer attribute (two spellings) and by channel', async () => {
    const pick = (g: Record<string, any>) => ({ group: g.group, reached: g.reached, responses: g.responses, rate: g.responseRate, csat: g.csat.satisfiedPercent, ces: g.ces.average, nps: g.nps.score, ack: g.acknowledgementRate, claims: g.claims });
    const locale = (await card(a, '?by=locale').expect(200)).body.breakdown;
    expect(locale.by).toBe('locale');
    expect(locale.groups.map(pick)).toEqual([
      { group: 'en', reached: 6, responses: 6, rate: 100, csat: 50, ces: 4.5, nps: 0, ack: 50, claims: 1 },
      { group: 'fr', reached: 4, responses: 3, rate: 75, csat: 100, ces: 6, nps: 100, ack: 25, claims: 1 },
    ]);
    const plan = (await card(a, '?by=attributes.plan').expect(200)).body.breakdown;
    expect(plan.by).toBe('attributes.plan');
    expect(plan.groups.map(pick)).toEqual([
      { group: 'pro', reached: 4, responses: 4, rate: 100, csat: 75, ces: 5.5, nps: 50, ack: 50, claims: 1 },
      { group: 'basic', reached: 4, responses: 3, rate: 75, csat: 33.3, ces: 3.33, nps: -100, ack: 25, claims: 0 },
      { group: '(none)', reached: 2, responses: 2, rate: 100, csat: 100, ces: 6.5, nps: 100, ack: 50, claims: 1 },
    ]);
    expect((await card(a, '?attribute=plan').expect(200)).body.breakdown).toEqual(plan);
    const channel = (await card(a, '?by=channel').expect(200)).body.breakdown;
    expect(channel.groups.map(pick)).toEqual([
      { group: 'email', reached: 8, responses: 7, rate: 87.5, csat: 57.1, ces: 4.57, nps: 0, ack: 37.5, claims: 1 },
      { group: 'sms', reached: 2, responses: 2, rate: 100, csat: 100, ces: 6.5, nps: 100, ack: 50, claims: 1 },
    ]);
    // a key nobody has: one group, everyone in "(none)"
    const region = (await card(a, '?attribute=region').expect(200)).body.breakdown;
    expect(region.groups.map((g: { group: string; reached: number; claims: number }) => [g.group, g.reached, g.claims])).toEqual([['(none)', 10, 2]]);
  });

  it('adds the incidents declared in a range, with one trend point per incident', async () => {
    const { body } = await h.http.get('/api/v1/scorecard?from=2001-03-01&to=2001-04-01').set(auth(viewerKey)).expect(200);
    expect(body.incidents).toBe(2);
    expect(body.figures).toMatchObject({
      reached: 12,
      responses: 11,
      responseRate: 91.7,
      csat: { answers: 11, satisfiedPercent: 63.6 },
      ces: { answers: 11, average: 4.82 },
      nps: { answers: 10, promoters: 5, passives: 2, detractors: 3, score: 20 },
      acknowledged: 4,
      acknowledgementRate: 33.3,
      claims: 2,
      claimRate: 16.7,
    });
    expect(body.timeToReach.count).toBe(12);
    expect(body.trend.map((t: Record<string, any>) => [t.incident.id, t.responses, t.csat.satisfiedPercent, t.ces.average, t.nps.score, t.acknowledgementRate])).toEqual([
      [a, 9, 66.7, 5, 25, 40],
      [b, 2, 50, 4, 0, 0],
    ]);
    const byLocale = (await h.http.get('/api/v1/scorecard?from=2001-03-01T00:00:00Z&to=2001-03-15T00:00:00Z&by=locale').set(auth(viewerKey)).expect(200)).body;
    expect(byLocale.incidents).toBe(1);
    expect(byLocale.breakdown.groups.map((g: { group: string }) => g.group)).toEqual(['en', 'fr']);
    const empty = (await h.http.get('/api/v1/scorecard?from=2000-01-01&to=2000-02-01').set(auth(viewerKey)).expect(200)).body;
    expect(empty).toMatchObject({ incidents: 0, trend: [], figures: { reached: 0, responses: 0, responseRate: null, nps: { score: null }, claims: 0, claimRate: null } });
  });

  it('refuses bad parameters with a 4xx naming them, and injection in the attribute key', async () => {
    const bad = [
      '/api/v1/incidents/not-a-uuid/scorecard',
      `/api/v1/incidents/${a}/scorecard?by=plan`,
      `/api/v1/incidents/${a}/scorecard?by=attributes.`,
      `/api/v1/incidents/${a}/scorecard?by=${encodeURIComponent("attributes.plan'--")}`,
      `/api/v1/incidents/${a}/scorecard?attribute=${encodeURIComponent("plan') OR 1=1 --")}`,
      `/api/v1/incidents/${a}/scorecard?attribute=${encodeURIComponent('a b')}`,
      `/api/v1/incidents/${a}/scorecard?attribute=plan&by=locale`,
      `/api/v1/incidents/${a}/scorecard?sort=1`,
      '/api/v1/scorecard',
      '/api/v1/scorecard?from=2001-03-01',
      '/api/v1/scorecard?from=yesterday&to=2001-04-01',
      '/api/v1/scorecard?from=2001-04-01&to=2001-03-01',
      '/api/v1/scorecard?from=2001-01-01&to=2003-01-01',
      '/api/v1/scorecard?from=2001-02-30&to=2001-04-01',
      '/api/v1/scorecard/comments?score=joy',
      '/api/v1/scorecard/comments?min=7&max=3',
      '/api/v1/scorecard/comments?score=csat&min=6',
      '/api/v1/scorecard/comments?channel=pigeon',
      '/api/v1/scorecard/comments?cursor=bad',
      '/api/v1/scorecard/comments?incident=nope',
    ];
    for (const url of bad) {
      const res = await h.http.get(url).set(auth(viewerKey));
      expect({ url, status: res.status, code: res.body?.error?.code }).toEqual({ url, status: 400, code: 'validation_failed' });
    }
    await h.http.get('/api/v1/incidents/00000000-0000-4000-8000-000000000000/scorecard').set(auth(viewerKey)).expect(404);
    await h.http.get('/api/v1/scorecard/comments?incident=00000000-0000-4000-8000-000000000000').set(auth(viewerKey)).expect(404);
    await h.http.get(`/api/v1/incidents/${a}/scorecard`).expect(401);
    // the table is still there and whole (the key reached SQL only as a bound parameter)
    expect((await card(a).expect(200)).body.figures.responses).toBe(9);
  });

  it('lists the comments with filters on score, locale, channel and incident', async () => {
    const q = (s: string) => h.http.get(`/api/v1/scorecard/comments?${s}`).set(auth(viewerKey)).expect(200);
    expect((await q(`incident=${a}`)).body.items).toHaveLength(6);
    const low = (await q('from=2001-03-01&to=2001-04-01&score=nps&max=6')).body.items;
    expect(low.map((c: { nps: number }) => c.nps).sort()).toEqual([0, 1, 6]);
    expect((await q(`incident=${a}&locale=fr`)).body.items.map((c: { comment: string | null; npsReason: string | null }) => c.comment ?? c.npsReason).sort()).toEqual([
      'Le SMS est arrivé tout de suite.',
      'Merci pour la transparence.',
    ]);
    const sms = (await q(`incident=${a}&channel=sms`)).body.items;
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channels: ['sms'], csat: 4, ces: 7, nps: 9, locale: 'fr', incidentTitle: 'Scorecard incident A' });
    expect((await q(`incident=${a}&score=csat&min=4`)).body.items.map((c: { csat: number }) => c.csat).sort()).toEqual([4, 4, 5]);
    // pages: 2 + 2 + 2, nothing repeated
    const seen: string[] = [];
    let cursor: string | null = '';
    do {
      const page: { items: Array<{ at: string; comment: string; npsReason: string }>; nextCursor: string | null } = (await q(`incident=${a}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...page.items.map((i) => `${i.at}${i.comment}${i.npsReason}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(6);
    expect(JSON.stringify((await q(`incident=${a}`)).body)).not.toMatch(/customers\.test|Customer \d|externalId/);
  });

  it('exports the comments as formula-safe CSV to the personal-data roles only, and audits each export', async () => {
    await h.http.get(`/api/v1/scorecard/comments.csv?incident=${a}`).set(auth(viewerKey)).expect(403);
    const res = await h.http.get(`/api/v1/scorecard/comments.csv?incident=${a}&score=nps`).set(auth(commanderKey)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('incidentId,incident,at,locale,channels,csat,ces,nps,comment,npsReason');
    expect(lines).toHaveLength(7);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(res.text).toContain("'@SUM(1+1) I am leaving");
    expect(res.text).not.toMatch(/,=|,@|,\+|,-(?!-)/);
    const audit = await h.prisma.auditEvent.findFirst({ where: { action: 'scorecard.comments_exported', entityId: a }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ entityType: 'scorecard', actorName: 'sc-commander' });
    expect(audit!.data).toMatchObject({ incident: a, score: 'nps' });
    await h.http.get('/api/v1/scorecard/comments.csv?min=9&max=1').set(auth(commanderKey)).expect(400);
  });

  it('shows the console pages from the same numbers as the API', async () => {
    const viewer = await consoleLogin(h, 'viewer');
    const api = (await card(a, '?by=locale').expect(200)).body;
    const page = await viewer.agent.get(`/console/scorecard/incidents/${a}?view=locale`).expect(200);
    const shown = Object.fromEntries([...page.text.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1], JSON.parse(m[2])]));
    const at = (path: string) => path.split('.').reduce((o: any, k) => o?.[k], { ...api.figures, timeToReach: api.timeToReach });
    expect(Object.keys(shown)).toEqual(['reached', 'responses', 'responseRate', 'csat.satisfiedPercent', 'ces.average', 'nps.score', 'acknowledgementRate', 'timeToReach.p50', 'timeToReach.p90', 'claims']);
    for (const [key, value] of Object.entries(shown)) expect({ key, value }).toEqual({ key, value: at(key) });
    expect(page.text).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-gauge-title" aria-describedby="chart-gauge-desc"/);
    expect(page.text).toContain('<title id="chart-nps-title">Likelihood to recommend (NPS), 0 to 10: NPS 25</title>');
    expect(page.text).toContain('Detractors 2');
    expect(page.text).toMatch(/<th scope="row">fr<\/th><td>4<\/td><td>3<\/td><td>75\.0 %<\/td>/);
    const overview = await viewer.agent.get('/console/scorecard?from=2001-03-01&to=2001-04-01').expect(200);
    expect(overview.text).toContain('<title id="chart-trend-title">Trend across incidents, oldest first</title>');
    expect(overview.text).toContain('2001-03-10: NPS 25, CSAT 66.7 %; 2001-03-20: NPS 0, CSAT 50 %.');
    expect(overview.text).toMatch(/data-figure="nps\.score" data-value="20"/);
    await viewer.agent.get('/console/scorecard?from=2001-04-01&to=2001-03-01').expect(400);
    await viewer.agent.get(`/console/scorecard/incidents/${a}?view=attribute&key=${encodeURIComponent('x;drop')}`).expect(400);
    const comments = await viewer.agent.get(`/console/scorecard/comments?incident=${a}&locale=fr`).expect(200);
    expect(comments.text).toContain('Merci pour la transparence.');
    await viewer.agent.get(`/console/scorecard/comments.csv?incident=${a}`).expect(403);
    const incidentPage = await viewer.agent.get(`/console/incidents/${a}`).expect(200);
    expect(incidentPage.text).toContain(`href="/console/scorecard/incidents/${a}"`);
    expect((await viewer.agent.get('/console').expect(200)).text).toContain('href="/console/scorecard"');
  });

  it('documents the routes in OpenAPI with a summary, the answer schema and the error answers', async () => {
    const { body } = await h.http.get('/docs/openapi.json').expect(200);
    for (const path of ['/api/v1/incidents/{id}/scorecard', '/api/v1/scorecard', '/api/v1/scorecard/comments', '/api/v1/scorecard/comments.csv']) {
      const op = body.paths[path]?.get;
      expect({ path, summary: typeof op?.summary, codes: Object.keys(op?.responses ?? {}).sort() }).toEqual({ path, summary: 'string', codes: expect.arrayContaining(['200', '400', '401', '403']) });
      expect(op.tags).toEqual(['scorecard']);
    }
    expect(body.paths['/api/v1/incidents/{id}/scorecard'].get.responses['200'].content['application/json'].schema.properties.figures.properties.nps).toBeDefined();
  });

  it('takes an NPS answer from the notice page form to the scorecard', async () => {
    // customer 7 of A (fr, basic, email) had not answered
    const customer = await h.prisma.customer.findFirstOrThrow({ where: { affected: { some: { incidentId: a } }, externalId: { endsWith: '-7' } } });
    const path = new URL(h.api.get(NoticeLinks).url(a, customer.id)).pathname;
    const page = await h.http.get(path).expect(200);
    expect(page.text).toContain('Quelle est la probabilité que vous nous recommandiez');
    expect((page.text.match(/name="nps" value="\d+"/g) ?? []).length).toBe(11);
    const csrf = /action="[^"]*\/feedback">\s*<input type="hidden" name="csrf" value="([^"]+)"/.exec(page.text)![1];
    await h.http.post(`${path}/feedback`).type('form').send({ csrf, csat: '3', ces: '4', nps: '11' }).expect(400);
    await h.http.post(`${path}/feedback`).type('form').send({ csrf, csat: '3', ces: '4', nps: 'ten' }).expect(400);
    await h.http.post(`${path}/feedback`).type('form').send({ csrf, csat: '3', ces: '4', nps: '10', nps_reason: 'Vous avez été honnêtes.' }).expect(303);
    const again = await h.http.get(path).expect(200);
    expect(again.text).toContain('<input type="radio" name="nps" value="10" checked>');
    expect(again.text).toContain('Vous avez été honnêtes.</textarea>');
    const { body } = await card(a).expect(200);
    // 10 answers now; NPS: 5 promoters, 2 detractors of 9 → 33.3
    expect(body.figures).toMatchObject({ responses: 10, responseRate: 100, nps: { answers: 9, promoters: 5, detractors: 2, score: 33.3 } });
  });
});

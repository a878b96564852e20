import { uniq } from './factories/scenario.factory';
import { auth, Harness } from './support/harness';

describe('Template checks against inherited names, literal contexts and unsafe links', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
  });
  afterAll(() => h.stop());

  const put = (key: string, html: string, variables = ['customer.name', 'facts.link']) =>
    h.http.put(`/api/v1/templates/${key}/email/en`).set(auth()).send({ subject: 'Notice', html, text: 'Notice for {{customer.name}}', variables });

  it.each([
    ['{{constructor "x"}}', /unknown helper 'constructor'/],
    ['{{hasOwnProperty customer.name}}', /unknown helper 'hasOwnProperty'/],
    ['<p>{{toString}}</p>', /toString/],
    ['{{#with "constructor"}}{{#with split}}{{this}}{{/with}}{{/with}}', /takes one variable/],
  ])('refuses %s when it is saved (422 with line and column)', async (html, message) => {
    const r = await put(uniq('t'), html).expect(422);
    expect(r.body.error.code).toBe('template_invalid');
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'html', line: 1, column: expect.any(Number), message: expect.stringMatching(message) })]));
  });

  it('refuses a fact printed into href without the url helper, and accepts it through the helper', async () => {
    const r = await put(uniq('t'), '<p>Hello {{customer.name}}</p>\n<a href="{{facts.link}}">details</a>').expect(422);
    expect(r.body.error.details).toEqual([expect.objectContaining({ field: 'html', line: 2, column: 10, message: expect.stringContaining('url helper') })]);
    await put(uniq('t'), '<p>Hello {{customer.name}}</p>\n<a href="{{url facts.link}}">details</a>').expect(200);
  });

  it('does not publish a runbook whose template cannot be rendered for anyone', async () => {
    const bad = uniq('nophrase');
    await put(bad, '<p>{{t "no_such_phrase_anywhere"}} {{customer.name}}</p>').expect(200); // a phrase is looked up at render
    const legacy = uniq('legacy');
    await put(legacy, '<p>{{customer.name}}</p>').expect(200);
    // a version saved before names were checked as own properties (written as an old release would have)
    await h.prisma.template.create({ data: { key: legacy, channel: 'email', locale: 'en', version: 2, subject: 'x', html: '<p>{{constructor "x"}}</p>', text: 'x', variables: [] } });

    for (const template of [bad, legacy]) {
      const rb = uniq('rb');
      await h.http.put(`/api/v1/runbooks/${rb}`).set(auth()).send({ name: 'Plan', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', template }] }).expect(200);
      const r = await h.http.post(`/api/v1/runbooks/${rb}/publish`).set(auth()).expect(422);
      expect(r.body.error.code).toBe('runbook_invalid');
      expect(r.body.error.details).toEqual([expect.objectContaining({ step: 'tell', field: 'template', message: expect.stringContaining('cannot be rendered') })]);
    }

    // a template whose facts hold dates and links renders with the sample data and publishes
    const good = uniq('good');
    await h.http
      .put(`/api/v1/templates/${good}/email/en`)
      .set(auth())
      .send({ subject: 'About {{incident.title}}', html: '<p>{{formatDate facts.incidentDate "date"}} <a href="{{url facts.link}}">more</a> {{default customer.name "customer"}}</p>', text: '{{facts.whatHappened}}', variables: ['incident.title', 'facts.incidentDate', 'facts.link', 'facts.whatHappened', 'customer.name'] })
      .expect(200);
    const rb = uniq('rb');
    await h.http.put(`/api/v1/runbooks/${rb}`).set(auth()).send({ name: 'Plan', steps: [{ id: 'tell', audience: 'affected_customers', channel: 'email', template: good }] }).expect(200);
    await h.http.post(`/api/v1/runbooks/${rb}/publish`).set(auth()).expect(201);
  });
});

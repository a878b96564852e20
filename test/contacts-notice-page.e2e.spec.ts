// A customer's question from their notice page (#21 item 4): the same protections as the acknowledgement
// (link, same-origin, form token), limits per link and per address answered with a page, stored as a contact
// of channel notice_page that agents and the incident figures see, and erased with the customer.
import { auth, Harness, waitFor } from './support/harness';
import { declareBody, seedRunbook, uniq } from './factories/scenario.factory';

const linkIn = (text: string) => /http:\/\/tocsin\.test(\/n\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
const formCsrf = (html: string, action: string) => new RegExp(`action="${action}">\\s*<input type="hidden" name="csrf" value="([^"]+)"`).exec(html)?.[1];

describe('Questions from the notice page', () => {
  let h: Harness;
  let prefix: string;
  let ids: string[];
  let incidentId: string;
  const links: string[] = [];
  const savedPrefix = process.env.QUEUE_PREFIX;

  beforeAll(async () => {
    // counters of their own (the limiter's keys carry the queue prefix): questions other test files of the
    // same run post from this address must not count against these low limits, nor these against theirs
    h = await Harness.start({
      env: { NOTICE_TOKEN_SECRET: 'contacts-notice-test-secret-0123456789abcdef', THROTTLE_NOTICE_QUESTIONS_PER_TOKEN: '2', THROTTLE_NOTICE_QUESTIONS_PER_ADDRESS: '5', QUEUE_PREFIX: `${savedPrefix ?? 'tocsin'}-questions` },
    });
    prefix = uniq('cq');
    const seeded = await seedRunbook(h, prefix, 3);
    ids = seeded.externalIds;
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(seeded.runbook, ids)).expect(201)).body.id;
    await waitFor('3 emails', async () => ids.every((_, i) => h.sink.to(`${prefix}-${i}@customers.test`).length === 1));
    for (let i = 0; i < 3; i++) links.push(linkIn(h.sink.to(`${prefix}-${i}@customers.test`)[0].text)!);
  });
  afterAll(async () => {
    await h.stop();
    // the harness copies its settings into the environment: give the next test file of the run its own back
    if (savedPrefix === undefined) delete process.env.QUEUE_PREFIX;
    else process.env.QUEUE_PREFIX = savedPrefix;
    delete process.env.THROTTLE_NOTICE_QUESTIONS_PER_TOKEN;
    delete process.env.THROTTLE_NOTICE_QUESTIONS_PER_ADDRESS;
  });

  /** Opens the page, then posts the question with its form token (or the one given); answers with the expected status. */
  const ask = async (i: number, question: string, status: number, opts: { csrf?: string; origin?: string } = {}) => {
    const page = await h.http.get(links[i]).expect(200);
    const csrf = opts.csrf ?? formCsrf(page.text, `${links[i]}/question`);
    const req = h.http.post(`${links[i]}/question`).type('form');
    if (opts.origin) req.set('Origin', opts.origin);
    return req.send({ csrf, question }).expect(status);
  };
  const storedFor = (externalId: string) =>
    h.prisma.$queryRaw<{ note: string | null; channel: string; actor_id: string | null; incident_id: string }[]>`
      SELECT c.note, c.channel::text AS channel, c.actor_id, ci.incident_id::text AS incident_id FROM contact c JOIN customer cu ON cu.id = c.customer_id
      JOIN contact_incident ci ON ci.contact_id = c.id WHERE cu.external_id = ${externalId} OR cu.id::text = ${externalId} ORDER BY c.at`;

  it('shows a question form, stores the question as a notice-page contact of the incident and confirms it', async () => {
    const page = await h.http.get(links[0]).expect(200);
    expect(page.text).toContain('<h2 id="question-title">Ask us a question</h2>');
    expect(page.text).toMatch(/<label for="question-text">/);
    const question = 'Is my <b>card</b> still safe?\r\nI used it yesterday.';
    const r = await ask(0, question, 303);
    expect(r.headers.location).toBe(`${links[0]}?asked=1#question`);
    const after = await h.http.get(`${links[0]}?asked=1`).expect(200);
    expect(after.text).toContain('Thank you. We received your question and will answer you.');
    expect(await storedFor(ids[0])).toEqual([{ note: 'Is my <b>card</b> still safe?\nI used it yesterday.', channel: 'notice_page', actor_id: null, incident_id: incidentId }]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'contact.logged', actorName: 'customer (notice page)' }, orderBy: { id: 'desc' } });
    expect(JSON.stringify(audit.data)).not.toContain('card');
    // the agent sees it before answering, and the incident's figures count it
    const ctx = (await h.http.get(`/api/v1/customers/${ids[0]}/context`).set(auth()).expect(200)).body;
    expect(ctx.recentContacts[0]).toMatchObject({ channel: 'notice_page', reason: { key: 'other', label: 'Question from the notice page' }, loggedBy: { id: null, name: 'the customer (notice page)' } });
    const s = (await h.http.get(`/api/v1/incidents/${incidentId}/contacts/summary`).set(auth()).expect(200)).body;
    expect(s.byChannel.notice_page).toBe(1);
  });

  it('refuses a post without the form token or from another site, and an empty or too long question, with the page', async () => {
    const forged = await ask(1, 'hello', 403, { csrf: 'x'.repeat(43) });
    expect(forged.headers['content-type']).toMatch(/text\/html/);
    expect(forged.text).toContain('This form has expired');
    await ask(1, 'hello', 403, { origin: 'https://evil.example' });
    const empty = await ask(1, '   ', 400);
    expect(empty.text).toContain('Please write your question (at most 1000 characters).');
    await ask(1, 'x'.repeat(1001), 400);
    await h.http.post('/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/question').type('form').send({ question: 'hi' }).expect(404);
    expect(await storedFor(ids[1])).toEqual([]);
  });

  it('limits questions per link and per address with a clear page and Retry-After, not an error', async () => {
    await ask(0, 'Second question', 303); // the link's 2nd (address: 2nd)
    const limited = await ask(0, 'Third question', 429); // over the link's limit (address: 3rd)
    expect(limited.headers['content-type']).toMatch(/text\/html/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.text).toContain('You have sent several questions in a short time');
    expect(limited.text).toContain('<form method="post" action="' + links[0] + '/question">');
    expect((await storedFor(ids[0])).map((c) => c.note)).toEqual(['Is my <b>card</b> still safe?\nI used it yesterday.', 'Second question']);
    await ask(1, 'From customer 1, first', 303); // address: 4th
    await ask(1, 'From customer 1, second', 303); // address: 5th
    // a fresh link, but the same address is over its limit
    const byAddress = await ask(2, 'From customer 2', 429);
    expect(byAddress.text).toContain('You have sent several questions in a short time');
    expect(await storedFor(ids[2])).toEqual([]);
  });

  it('erasing the customer removes their questions\' text', async () => {
    const customerId = (await h.prisma.customer.findUniqueOrThrow({ where: { externalId: ids[0] } })).id;
    await h.http.delete(`/api/v1/customers/${ids[0]}`).set(auth()).expect(200);
    const rows = await storedFor(customerId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.note === null)).toBe(true);
  });
});

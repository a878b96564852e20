import { createServer } from 'node:net';
import { type Browser } from 'playwright-core';
import { auth, Harness, waitFor } from '../support/harness';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { uniq } from '../factories/scenario.factory';

// The customer's journey in a real browser: the email arrives with their personal link, the notice page
// says what happened, what data, what to do and whom to call, and one button confirms they read it.

const FACTS = {
  company: 'Acme',
  incidentDate: '25 November 2026',
  whatHappened: 'an attacker used a stolen employee password to read part of our customer database.',
  dataInvolved: 'Your name and email address. No passwords or payment details were involved.',
  whatWeAreDoing: 'We closed the access the same day, reset all staff passwords and informed the regulator.',
  whatYouCanDo: 'Be wary of emails that ask for your password or payment details; we will never ask for them.',
  hotline: '0800 123 456',
  hotlineHours: '8am to 8pm, every day',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('The notice page in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let incidentId: string;
  let prefix: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // the links in the emails must point at this very server, as PUBLIC_URL does in production
    h = await Harness.start({ env: { PUBLIC_URL: base, NOTICE_TOKEN_SECRET: 'browser-notice-test-secret-0123456789abcdef' } });
    await h.api.listen(port, '127.0.0.1');
    browser = await launchBrowser();

    prefix = uniq('journey');
    const people = [
      { externalId: `${prefix}-ada`, email: `${prefix}-ada@customers.test`, name: 'Ada Lovelace' },
      { externalId: `${prefix}-grace`, email: `${prefix}-grace@customers.test`, name: 'Grace Hopper' },
      { externalId: `${prefix}-alan`, email: `${prefix}-alan@customers.test`, name: 'Alan Turing' },
    ];
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: people }).expect(200);
    // the shipped breach notice (email and page templates, loaded at start)
    await h.http
      .put(`/api/v1/runbooks/${prefix}-plan`)
      .set(auth())
      .send({ name: 'Customer notice', steps: [{ id: 'email-customers', audience: 'affected_customers', channel: 'email', template: 'breach-notice' }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-plan/publish`).set(auth()).expect(201);
    const { body } = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send({
        runbook: `${prefix}-plan`,
        title: 'Customer records accessed',
        severity: 'high',
        awareAt: new Date(Date.now() - 3600_000).toISOString(),
        facts: FACTS,
        affected: { externalIds: people.map((p) => p.externalId) },
      })
      .expect(201);
    incidentId = body.id;
    await waitFor('three emails', async () => people.every((p) => h.sink.to(p.email).length === 1));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  const linkFor = (who: string) => {
    const mail = h.sink.to(`${prefix}-${who}@customers.test`)[0];
    const path = new RegExp(`${base.replace(/[.]/g, '\\.')}(/n/[A-Za-z0-9_-]{43})`).exec(mail.text)?.[1];
    expect(path).toBeDefined();
    return `${base}${path}`;
  };

  it("opens the link from the customer's email, shows what happened, the data, what to do and whom to call, and records the acknowledgement", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto(linkFor('ada'));
    expect(response?.status()).toBe(200);

    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Security notice from Acme');
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: 'Important security notice' }).waitFor();
    const text = await main.innerText();
    expect(text).toContain('Dear Ada Lovelace,');
    for (const heading of ['What happened', 'What information was involved', 'What we are doing', 'What you can do', 'For more information']) {
      expect(await main.getByRole('heading', { name: heading }).count()).toBe(1);
    }
    expect(text).toContain(`On 25 November 2026, ${FACTS.whatHappened}`);
    expect(text).toContain(FACTS.dataInvolved);
    expect(text).toContain(FACTS.whatWeAreDoing);
    expect(text).toContain(FACTS.whatYouCanDo);
    expect(text).toContain('0800 123 456 (8am to 8pm, every day)');
    const ack = page.getByRole('button', { name: 'I have read this notice' });
    expect(await ack.isVisible()).toBe(true);
    await screenshot(page, 'notice-page');

    const before = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    expect(before).toMatchObject({ opened: 1, acknowledged: 0 });

    await Promise.all([page.waitForURL(/#ack$/), ack.click()]);
    expect(await page.getByText('Thank you. You confirmed reading this notice on').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'I have read this notice' }).count()).toBe(0);

    const after = (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth()).expect(200)).body;
    expect(after).toMatchObject({ affected: 3, sent: 3, opened: 1, acknowledged: 1 });
    await context.close();
  });

  it('reads well on a phone, and a guessed link shows nothing', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(linkFor('grace'));
    await page.getByRole('heading', { level: 1, name: 'Important security notice' }).waitFor();
    // nothing wider than the screen: no sideways scrolling on a 390 px phone
    // (a string: the test's TypeScript has no DOM types)
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'I have read this notice' }).isVisible()).toBe(true);
    await screenshot(page, 'notice-page-mobile');

    const guessed = await page.goto(`${base}/n/${'A'.repeat(43)}`);
    expect(guessed?.status()).toBe(404);
    expect(await page.locator('body').innerText()).not.toContain('Grace');
    await context.close();
  });
});

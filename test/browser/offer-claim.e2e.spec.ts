import { type Browser } from 'playwright-core';
import { auth, Harness, waitFor } from '../support/harness';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { freePort } from '../support/free-port';
import { uniq } from '../factories/scenario.factory';

// After the incident, in a real browser: the apology email carries the customer's own code; their notice
// page shows it with the offer's terms and a Claim button; pressing it is counted in reach.
describe('Claiming a remedy offer from the notice page in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await Harness.start({ env: { PUBLIC_URL: base, NOTICE_TOKEN_SECRET: 'browser-offer-test-secret-0123456789abcdef' } });
    await h.api.listen(port, '127.0.0.1');
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('shows the code from the email on the page and records the claim once', async () => {
    const prefix = uniq('claim');
    const email = `${prefix}-ada@customers.test`;
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: [{ externalId: `${prefix}-ada`, email, name: 'Ada Lovelace' }] }).expect(200);
    const offer = `${prefix}-credit`;
    await h.http
      .put(`/api/v1/offers/${offer}`)
      .set(auth())
      .send({ title: 'Two years of credit monitoring', terms: 'Free for 24 months, no card needed.', url: 'https://monitor.example/activate', expiresAt: '2030-06-30T12:00:00Z' })
      .expect(200);
    await h.http.post(`/api/v1/offers/${offer}/codes`).set(auth()).set('Content-Type', 'text/plain').send(`CM-${prefix}-7F3K\nCM-${prefix}-9QX1\n`).expect(200);
    // the shipped apology (email and page), timed from resolution
    await h.http
      .put(`/api/v1/runbooks/${prefix}-plan`)
      .set(auth())
      .send({ name: 'Apology', steps: [{ id: 'apology', audience: 'affected_customers', channel: 'email', template: 'apology', offer, timing: { milestone: 'resolved', offsetMinutes: 0 } }] })
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
        facts: { company: 'Acme', whatHappened: 'a stolen password was used to read part of our customer database.', hotline: '0800 123 456' },
        affected: { externalIds: [`${prefix}-ada`] },
      })
      .expect(201);
    await h.http.post(`/api/v1/incidents/${body.id}/resolve`).set(auth()).send({}).expect(200);
    await waitFor('the apology', async () => h.sink.to(email).length === 1);
    const mail = h.sink.to(email)[0];
    const code = /Your personal code: (\S+)/.exec(mail.text)![1];
    expect(code).toMatch(new RegExp(`^CM-${prefix}-`));
    const link = `${base}${new RegExp(`${base.replace(/[.]/g, '\\.')}(/n/[A-Za-z0-9_-]{43})`).exec(mail.text)![1]}`;

    const { context, page } = await newPage(browser);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'We are sorry' }).waitFor();
    const panel = page.getByRole('region', { name: 'Two years of credit monitoring' });
    expect(await panel.innerText()).toContain('Free for 24 months, no card needed.');
    expect(await page.locator(`#offer-code-${offer}`).innerText()).toBe(code);
    await screenshot(page, 'notice-page-offer');
    const claim = page.getByRole('button', { name: 'Claim this offer' });
    await Promise.all([page.waitForURL(new RegExp(`#offer-${offer}$`)), claim.click()]);
    expect(await page.getByText('Thank you. You claimed this offer on').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Claim this offer' }).count()).toBe(0);
    expect(await page.locator(`#offer-code-${offer}`).innerText()).toBe(code); // the same code after the claim

    const reach = (await h.http.get(`/api/v1/incidents/${body.id}/reach`).set(auth()).expect(200)).body;
    expect(reach).toMatchObject({ affected: 1, claimed: 1 });
    await context.close();
  });
});

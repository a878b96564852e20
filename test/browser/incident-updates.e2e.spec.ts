import { type Browser } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { freePort } from '../support/free-port';
import { auth, Harness, waitFor } from '../support/harness';
import { uniq } from '../factories/scenario.factory';

// Issue 21: the customer reads the incident's updates (newest first, in their time zone) and the answers
// (collapsed, opened without JavaScript) on their notice page on a phone; the public status page shows the
// same without anything personal; comms checks every surface before publishing. All axe-clean.

const FACTS = {
  company: 'Acme',
  incidentDate: '25 November 2026',
  whatHappened: 'an attacker used a stolen employee password to read part of our customer database.',
  dataInvolved: 'Your name and email address. No passwords or payment details were involved.',
  whatWeAreDoing: 'We closed the access the same day and reset all staff passwords.',
  whatYouCanDo: 'Be wary of emails that ask for your password; we will never ask for it.',
  hotline: '0800 123 456',
  hotlineHours: '8am to 8pm, every day',
};

describe('Updates and answers in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let incidentId: string;
  let prefix: string;
  let link: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await Harness.start({ env: { PUBLIC_URL: base } });
    await h.api.listen(port, '127.0.0.1');
    browser = await launchBrowser();
    prefix = uniq('news');
    const ada = { externalId: `${prefix}-ada`, email: `${prefix}-ada@customers.test`, name: 'Ada Lovelace', timezone: 'Europe/London' };
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: [ada] }).expect(200);
    await h.http
      .put(`/api/v1/runbooks/${prefix}-plan`)
      .set(auth())
      .send({ name: 'Customer notice', steps: [{ id: 'email-customers', audience: 'affected_customers', channel: 'email', template: 'breach-notice' }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${prefix}-plan/publish`).set(auth()).expect(201);
    const { body } = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send({ runbook: `${prefix}-plan`, title: 'Customer records accessed', severity: 'high', awareAt: new Date(Date.now() - 3600_000).toISOString(), facts: FACTS, affected: { externalIds: [ada.externalId] } })
      .expect(201);
    incidentId = body.id;
    await waitFor('the notice', async () => h.sink.to(ada.email).length === 1);
    link = new RegExp(`${base.replace(/[.]/g, '\\.')}(/n/[A-Za-z0-9_-]{43})`).exec(h.sink.to(ada.email)[0].text)![1];

    const post = async (path: string, content: unknown) => {
      const r = await h.http.post(`/api/v1/incidents/${incidentId}/${path}`).set(auth()).send({ content }).expect(201);
      await h.http.post(`/api/v1/incidents/${incidentId}/${path}/${r.body.number}/publish`).set(auth()).send({}).expect(200);
    };
    await post('updates', { en: { text: 'We have closed the access and are checking every account. Next update tomorrow at 10:00.' } });
    await post('updates', { en: { text: 'All accounts are checked. Only names and email addresses were read.\n\nYou do not need to change your password.' } });
    await post('answers', { en: { question: 'Do I need to change my password?', answer: 'No. Passwords were not involved. Changing it does no harm if you prefer to.' } });
    await post('answers', { en: { question: 'Will you call me?', answer: 'We will never call you to ask for a password or a code. Call us on 0800 123 456 if in doubt.' } });
    await h.http.put(`/api/v1/incidents/${incidentId}/publishing`).set(auth()).send({ statusPage: { enabled: true, slug: `${prefix}-breach` } }).expect(200);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('shows the updates newest first and the answers collapsed on a phone, axe-clean, opening an answer without JavaScript', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${base}${link}`);
    const updates = page.getByRole('region', { name: 'Updates' });
    await updates.waitFor();
    const items = await updates.locator('li').allInnerTexts();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('All accounts are checked');
    expect(items[1]).toContain('We have closed the access');
    // in the customer's time zone (London)
    const first = await updates.locator('time').first().getAttribute('datetime');
    expect(items[0]).toContain(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(first!)));

    const answers = page.getByRole('region', { name: 'Questions and answers' });
    const answer = answers.getByText('No. Passwords were not involved.');
    expect(await answer.isVisible()).toBe(false);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    await answers.getByText('Do I need to change my password?').click();
    await answer.waitFor({ state: 'visible' });
    // the question is a native disclosure, reachable and operable by keyboard
    const summary = answers.locator('summary').nth(1);
    await summary.focus();
    await page.keyboard.press('Enter');
    await answers.getByText('We will never call you').waitFor({ state: 'visible' });
    const box = await summary.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44); // a touch target
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'notice-page-updates-mobile');
    await context.close();
  });

  it('shows the public status page on a phone without personal data, noindex, axe-clean', async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    const res = await page.goto(`${base}/status/${prefix}-breach`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['x-robots-tag']).toBe('noindex, nofollow');
    await page.getByRole('heading', { level: 1, name: 'Customer records accessed' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('All accounts are checked');
    expect(text).not.toContain('Ada');
    expect(text).not.toContain('I have read this notice');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'status-page-mobile');
    await context.close();
  });

  it('lets comms check every surface before publishing, in the console (axe-clean)', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: `${prefix}@acme.test`, name: 'Casey Comms', role: 'comms', password: 'comms-password-1' }).expect(201);
    const draft = await h.http.post(`/api/v1/incidents/${incidentId}/updates`).set(auth()).send({ content: { en: { text: 'A third update, still a draft.' } } }).expect(201);
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill(`${prefix}@acme.test`);
    await page.getByLabel('Password').fill('comms-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console**');
    await page.goto(`/console/incidents/${incidentId}/posts/updates/${draft.body.number}/preview`);
    for (const name of ['1. Notice page', '2. Agent view (“what to tell them”)', '3. Status page', '4. The next message']) await page.getByRole('heading', { name }).waitFor();
    expect(await page.locator('#preview-notice-page').innerText()).toContain('A third update, still a draft.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'console-update-preview');
    await Promise.all([page.waitForURL(`**/console/incidents/${incidentId}/posts`), page.getByRole('button', { name: /^Publish version 1/ }).click()]);
    await page.getByText(`Update ${draft.body.number} version 1 is published.`).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});

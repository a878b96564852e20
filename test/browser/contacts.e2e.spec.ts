// The contact centre in a real browser (#21 item 4): a customer asks a question from their notice page on a
// phone, the agent reads it in the agent view and logs the call back, the dashboard shows the contacts —
// every page axe-clean (WCAG 2.1 A/AA).
import { createServer } from 'node:net';
import { type Browser } from 'playwright-core';
import { accessibilityProblems } from '../support/accessibility';
import { auth, Harness, waitFor } from '../support/harness';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, newPage, SCREENSHOT_DIR, screenshot } from '../support/browser';
import { declareBody, seedRunbook, uniq } from '../factories/scenario.factory';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('The contact centre in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let prefix: string;
  let incidentId: string;
  let externalId: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await Harness.start({ env: { PUBLIC_URL: base, NOTICE_TOKEN_SECRET: 'browser-contacts-test-secret-0123456789abcdef' } });
    await h.api.listen(port, '127.0.0.1');
    browser = await launchBrowser();
    prefix = uniq('bcc');
    const seeded = await seedRunbook(h, prefix, 3);
    externalId = seeded.externalIds[0];
    incidentId = (await h.http.post('/api/v1/incidents').set(auth()).send(declareBody(seeded.runbook, seeded.externalIds, { title: 'Customer records accessed' })).expect(201)).body.id;
    await waitFor('3 reached', async () => (await h.http.get(`/api/v1/incidents/${incidentId}/reach`).set(auth())).body.reached === 3);
    await h.http.post('/api/v1/users').set(auth()).send({ email: `${prefix}-agent@acme.test`, name: 'Alan Agent', role: 'agent', password: 'agent-password-123' }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('lets a customer ask a question from the notice page on a phone and confirms it', async () => {
    const mail = h.sink.to(`${externalId}@customers.test`)[0];
    const path = new RegExp(`${base.replace(/[.]/g, '\\.')}(/n/[A-Za-z0-9_-]{43})`).exec(mail.text)?.[1];
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${base}${path}`);
    await page.getByLabel('Your question (at most 1000 characters)').fill('Do I need to change my password?');
    await Promise.all([page.waitForURL(/asked=1#question$/), page.getByRole('button', { name: 'Send question' }).click()]);
    expect(await page.getByText('Thank you. We received your question and will answer you.').isVisible()).toBe(true);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'notice-page-question');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows the agent the question and logs their call back from the agent view', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill(`${prefix}-agent@acme.test`);
    await page.getByLabel('Password').fill('agent-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`/console/customers/${externalId}`);
    const earlier = page.locator('#recent-contacts');
    expect(await earlier.textContent()).toContain('Do I need to change my password?');
    expect(await earlier.textContent()).toContain('Question from the notice page');
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByLabel('Reason').selectOption('account-security');
    await page.getByLabel(/^Note/).fill('Called back: explained the password reset.');
    await page.getByRole('checkbox', { name: 'Resolved during the contact' }).check();
    await Promise.all([page.waitForURL(/#contacts$/), page.getByRole('button', { name: 'Log contact' }).click()]);
    expect(await page.getByText('Contact logged.').isVisible()).toBe(true);
    expect(await earlier.locator('tbody tr').count()).toBe(2);
    expect(await earlier.locator('tbody tr').first().textContent()).toContain('Called back: explained the password reset.');
    await screenshot(page, 'console-agent-contacts');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('draws the contacts on the incident dashboard, accessibly', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill(`${prefix}-agent@acme.test`);
    await page.getByLabel('Password').fill('agent-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`/console/incidents/${incidentId}`);
    const panel = page.locator('#incident-contacts');
    await panel.getByRole('img', { name: /Contacts per hour/ }).waitFor();
    expect(await page.locator('#contacts-per-reached').textContent()).toBe('0.67'); // 2 contacts / 3 reached
    expect(await panel.locator('#top-reasons tbody tr').count()).toBe(2);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'console-dashboard-contacts.png') });
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});

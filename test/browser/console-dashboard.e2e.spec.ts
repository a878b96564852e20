import type http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser } from 'playwright-core';
import { declareBody, seedRunbook, uniq } from '../factories/scenario.factory';
import { accessibilityProblems } from '../support/accessibility';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { auth, Harness } from '../support/harness';

// A commander signs in, watches an incident for a few hundred customers reach 100 % live (the send worker is
// started only once the page is open, so the progress can only come from the event stream), and an agent
// looks one of the customers up. Screenshots of the main screens go to docs/screenshots/.
describe('Console in a browser: dashboard and agent lookup', () => {
  const AUDIENCE = 300;
  let h: Harness;
  let browser: Browser;
  let base: string;
  let prefix: string;
  let incidentId: string;

  beforeAll(async () => {
    h = await Harness.start({ workers: 0 });
    const server = h.api.getHttpServer() as http.Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'grace@acme.test', name: 'Grace Commander', role: 'commander', password: 'commander-password-1' }).expect(201);
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'alan@acme.test', name: 'Alan Agent', role: 'agent', password: 'agent-password-123' }).expect(201);
    prefix = uniq('web');
    const { runbook, externalIds } = await seedRunbook(h, prefix, AUDIENCE);
    const declared = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send(
        declareBody(runbook, externalIds, {
          title: 'Customer records accessed',
          type: 'personal_data_breach',
          jurisdictions: ['EU'],
          facts: { whatHappened: 'An attacker used a stolen password to read part of our customer database.', hotline: '0800 123 456' },
        }),
      )
      .expect(201);
    incidentId = declared.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('signs a commander in and shows the dashboard reaching 100 % live', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto(`/console/incidents/${incidentId}`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await screenshot(page, 'console-login');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Email').fill('grace@acme.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }).waitFor();
    await page.getByLabel('Password').fill('commander-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/console/incidents/${incidentId}`);
    await page.getByRole('heading', { name: 'Customer records accessed' }).waitFor();
    expect(await page.locator('#reach-percent').textContent()).toBe('0 %');

    await h.startWorker(); // sending starts only now: what follows on the page comes from the event stream
    await page.locator('#reach-percent', { hasText: '100 %' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#reach-reached').textContent()).toBe(String(AUDIENCE));
    await page.locator('#state-changed', { hasText: 'The incident is now monitoring' }).waitFor();
    expect(await page.locator('#reach-progress').evaluate((el) => (el as unknown as { value: number }).value)).toBe(100);
    await page.locator('#reach-steps tbody tr', { hasText: 'notify-customers' }).locator('td').nth(4).filter({ hasText: String(AUDIENCE) }).waitFor();
    // the GDPR clock counts down in the page
    const countdown = page.locator('.countdown').first();
    const before = await countdown.textContent();
    expect(before).toMatch(/^\d+ h \d+ min \d+ s left$/);
    // it ticks once a second; on a busy machine the page's timer may run late, so wait for the change itself
    await countdown.filter({ hasNotText: before! }).waitFor();
    expect(await countdown.textContent()).toMatch(/^\d+ h \d+ min \d+ s left$/);
    await screenshot(page, 'console-dashboard');
    expect(await accessibilityProblems(page)).toEqual([]);

    // the confirmation step before pausing
    await page.getByRole('link', { name: 'Pause sending' }).click();
    await page.getByRole('heading', { name: 'Pause sending?' }).waitFor();
    await page.getByRole('link', { name: 'No, go back' }).click();
    await page.getByRole('heading', { name: 'Customer records accessed' }).waitFor();

    const phone = await newPage(browser, { baseURL: base, mobile: true });
    await phone.context.addCookies(await context.cookies());
    await phone.page.goto(`/console/incidents/${incidentId}`);
    await phone.page.locator('#reach-percent', { hasText: '100 %' }).waitFor();
    await screenshot(phone.page, 'console-dashboard-phone');
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it('lets an admin create a user, whose generated password is shown once and works', async () => {
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'ada@acme.test', name: 'Ada Admin', role: 'admin', password: 'admin-password-123' }).expect(201);
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill('ada@acme.test');
    await page.getByLabel('Password').fill('admin-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email').fill('linus@acme.test');
    await page.getByLabel('Name').fill('Linus Viewer');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create user' }).click();
    const password = (await page.locator('#new-password').textContent())!;
    expect(password).toHaveLength(20);
    await screenshot(page, 'console-users');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.getByLabel('Email').fill('linus@acme.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello Linus Viewer' }).waitFor();
    await context.close();
  });

  it('lets an agent look a customer up by email and see what they were told', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill('alan@acme.test');
    await page.getByLabel('Password').fill('agent-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customer lookup' }).click();
    await page.getByLabel('Customer ID or email').fill(`${prefix}-7@CUSTOMERS.test`);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(`**/console/customers/${prefix}-7`);
    await page.getByRole('heading', { name: `Customer 7 of ${prefix}` }).waitFor();
    const script = page.locator('#agent-script');
    expect(await script.textContent()).toContain('We sent this customer a notice by email');
    expect(await script.textContent()).toContain('An attacker used a stolen password');
    const notice = page.locator('table tbody tr', { hasText: 'notify-customers' });
    expect(await notice.locator('td').nth(1).textContent()).toBe('email');
    expect(await notice.locator('td').nth(3).textContent()).toMatch(/sent|delivered/);
    await screenshot(page, 'console-agent-lookup');
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});

import type http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { declareBody, seedRunbook, uniq } from '../factories/scenario.factory';
import { accessibilityProblems } from '../support/accessibility';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { auth, Harness } from '../support/harness';

// Issue 15: the incident page never goes stale. Changes made elsewhere (the API, another commander) reach the
// open page through its one event stream: the approval list, the schedule, the state and the action buttons
// change without a reload. Times read one way (UTC, the viewer's local time on hover); on a 390 px phone
// every figure of the step table is on screen, and both layouts pass axe.
describe('Console in a browser: the dashboard updates itself', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let incidentId: string;
  let stepId: string;

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    const server = h.api.getHttpServer() as http.Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'mae@acme.test', name: 'Mae Commander', role: 'commander', password: 'commander-password-2' }).expect(201);
    const prefix = uniq('live');
    await seedRunbook(h, prefix, 4);
    const runbook = `${prefix}-gated`;
    await h.http
      .put(`/api/v1/runbooks/${runbook}`)
      .set(auth())
      .send({ name: 'Gated', steps: [{ id: 'gated-email', audience: 'affected_customers', channel: 'email', template: `${prefix}-notice`, approval: { role: 'commander' } }] })
      .expect(200);
    await h.http.post(`/api/v1/runbooks/${runbook}/publish`).set(auth()).expect(201);
    const declared = await h.http
      .post('/api/v1/incidents')
      .set(auth())
      .send(declareBody(runbook, [0, 1, 2, 3].map((i) => `${prefix}-${i}`), { title: 'Payroll export leaked', type: 'personal_data_breach', jurisdictions: ['EU'] }))
      .expect(201);
    incidentId = declared.body.id;
    stepId = declared.body.schedule[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signIn(page: Page) {
    await page.goto(`/console/incidents/${incidentId}`);
    await page.getByLabel('Email').fill('mae@acme.test');
    await page.getByLabel('Password').fill('commander-password-2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/console/incidents/${incidentId}`);
  }

  it('shows approvals, schedule, state and buttons changed elsewhere without a reload', async () => {
    const { context, page } = await newPage(browser, { baseURL: base, timezoneId: 'Europe/Paris' });
    await signIn(page);
    await page.getByRole('button', { name: 'Approve gated-email' }).waitFor();
    expect(await page.locator('#schedule tbody tr').first().locator('.status').textContent()).toBe('awaiting_approval');
    await page.evaluate('window.marker = 42'); // gone if the page reloads

    // approved through the API, not on this page
    await h.http.post(`/api/v1/incidents/${incidentId}/steps/${stepId}/approve`).set(auth()).expect(200);
    await page.locator('#approvals-body', { hasText: 'Nothing is waiting.' }).waitFor();
    await page.locator('#schedule tbody tr').first().locator('.hint', { hasText: 'approved by' }).waitFor();
    await page.locator('#reach-percent', { hasText: '100 %' }).waitFor({ timeout: 120_000 });
    await page.locator('#schedule tbody tr').first().locator('.status', { hasText: /dispatched|completed/ }).waitFor();

    // paused through the API: the state badge and the buttons follow (Resume instead of Pause sending)
    await h.http.post(`/api/v1/incidents/${incidentId}/pause`).set(auth()).send({ reason: "checking" }).expect(200);
    await page.locator('#incident-state', { hasText: 'paused' }).waitFor();
    await page.locator('#actions').getByRole('link', { name: 'Resume' }).waitFor();
    expect(await page.locator('#actions').getByRole('link', { name: 'Pause sending' }).count()).toBe(0);
    expect(await page.locator('#state-changed').textContent()).toContain('The incident is now paused');
    await page.locator('#timeline-list li', { hasText: 'incident.pause' }).waitFor();
    expect(await page.evaluate('window.marker')).toBe(42);

    // one way to show a time: UTC on the page, the viewer's own time on hover
    const due = page.locator('#schedule tbody tr').first().locator('time');
    expect(await due.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(await due.getAttribute('title')).toMatch(/^Your time: .*(CET|GMT\+1)/);
    expect(await page.locator('#reach-live').textContent()).toMatch(/^updated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    expect(await page.locator('time').evaluateAll((ts) => ts.filter((t) => !/ UTC$/.test(t.textContent ?? '')).length)).toBe(0);
    // on a laptop the step table stays a table: each figure sits under its column heading
    // (both rows read in one page function: the body rows are re-rendered every 2 s)
    const lefts = (await page.evaluate(`[...['#reach-steps tbody tr:first-child td', '#reach-steps thead th']].map((sel) =>
      Array.from(document.querySelectorAll(sel)).map((e) => Math.round(e.getBoundingClientRect().left)))`)) as number[][];
    expect(lefts[0]).toHaveLength(10);
    expect(lefts[0]).toEqual(lefts[1]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'console-dashboard-live');

    // on a 390 px phone: no sideways scrolling, and every figure of the step table is on screen with its label
    const phone = await newPage(browser, { baseURL: base, mobile: true });
    await phone.context.addCookies(await context.cookies());
    await phone.page.goto(`/console/incidents/${incidentId}`);
    await phone.page.locator('#reach-percent', { hasText: '100 %' }).waitFor();
    expect(await phone.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // measured in one synchronous page function: the page re-renders the rows every 2 s, and an element replaced
    // between a query and a later read has no box and no computed style
    type Cell = { left: number; right: number; width: number; label: string; text: string };
    const measured = (await phone.page.evaluate(`Array.from(document.querySelectorAll('#reach-steps tbody tr:first-child td')).map((td) => {
      const r = td.getBoundingClientRect();
      return { left: r.left, right: r.right, width: r.width, label: getComputedStyle(td, '::before').content.replace(/"/g, ''), text: td.textContent };
    })`)) as Cell[];
    expect(measured).toHaveLength(10);
    for (const b of measured) {
      expect(b.width).toBeGreaterThan(0);
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(390);
    }
    expect(measured.map((c) => c.label)).toEqual(['Step', 'Channel', 'Step state', 'Waiting', 'Sent', 'Delivered', 'Acknowledged', 'Bounced', 'Failed', 'Suppressed']);
    expect(measured[4].text).toBe('4'); // Sent
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await screenshot(phone.page, 'console-dashboard-phone-cards');
    await phone.context.close();
    await context.close();
  });
});

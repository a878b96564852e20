import { type Browser } from 'playwright-core';
import { NoticeLinks } from '../../src/notices/notice-links.service';
import { declareOn, seedScorecardIncident, SET_A, SET_B } from '../factories/scorecard.factory';
import { accessibilityProblems } from '../support/accessibility';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { freePort } from '../support/free-port';
import { auth, Harness } from '../support/harness';

// The scorecard pages in Chromium, from answers given through the notice page (the same seeded set as
// test/scorecard.e2e.spec.ts): axe-clean, the charts named and described, and the README's screenshot.
describe('Console in a browser: the scorecard', () => {
  let h: Harness;
  let browser: Browser;
  let base: string;
  let a: string;

  beforeAll(async () => {
    // the notice links point at this very server (PUBLIC_URL), so the page's forms pass the same-origin check
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await Harness.start({ env: { PUBLIC_URL: base } });
    await h.api.listen(port, '127.0.0.1');
    browser = await launchBrowser();
    await h.http.post('/api/v1/users').set(auth()).send({ email: 'vera@acme.test', name: 'Vera Viewer', role: 'viewer', password: 'viewer-password-123' }).expect(201);
    a = (await seedScorecardIncident(h, SET_A, { title: 'Customer records accessed' })).incidentId;
    const b = (await seedScorecardIncident(h, SET_B, { title: 'Password reset emails delayed' })).incidentId;
    const c = (await seedScorecardIncident(h, SET_B.map((x, i) => ({ ...x, answer: { csat: 5 - i, ces: 6, nps: 9 - i } })), { title: 'Payment page outage' })).incidentId;
    // two customers of the first incident claimed their credit-monitoring code (the rows item 2's claim button writes)
    const offer = await h.prisma.offer.create({ data: { key: 'sc-browser-credit-monitoring', title: 'A year of credit monitoring', terms: 'Free for 12 months.' } });
    const claimed = await h.prisma.customer.findMany({ where: { affected: { some: { incidentId: a } }, email: { not: null } }, take: 2, select: { id: true } });
    await h.prisma.offerAssignment.createMany({ data: claimed.map((c) => ({ offerId: offer.id, customerId: c.id, incidentId: a, claimedAt: new Date() })) });
    await declareOn(h, b, '2026-09-14');
    await declareOn(h, a, '2026-10-02');
    await declareOn(h, c, '2026-11-20');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('shows the scorecard across incidents and per incident, accessible, with the same numbers in tables', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill('vera@acme.test');
    await page.getByLabel('Password').fill('viewer-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('heading', { name: 'Scorecard', level: 1 }).waitFor();
    await page.getByLabel('Declared from').fill('2026-09-01');
    await page.getByLabel('to (excluded)').fill('2026-12-01');
    await page.getByLabel('Breakdown').selectOption('locale');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'By locale' }).waitFor();
    // charts are images named by their title and described by their desc
    await page.getByRole('img', { name: /Net Promoter Score: 25$/ }).waitFor();
    await page.getByRole('img', { name: 'Trend across incidents, oldest first' }).waitFor();
    expect(await page.locator('#chart-trend-desc').textContent()).toBe('2026-09-14: NPS 0, CSAT 50 %; 2026-10-02: NPS 25, CSAT 66.7 %; 2026-11-20: NPS 50, CSAT 100 %.');
    expect(await page.locator('[data-figure="nps.score"]').textContent()).toBe('25.0');
    expect(await page.locator('[data-figure="claims"]').textContent()).toBe('2');
    expect(await page.locator('#sc-trend tbody tr').count()).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'console-scorecard');

    await page.getByRole('link', { name: 'Customer records accessed' }).click();
    await page.getByRole('heading', { name: 'Scorecard: Customer records accessed' }).waitFor();
    await page.getByLabel('Breakdown').selectOption('attribute');
    await page.getByLabel('Attribute key (for a customer attribute)').fill('plan');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'By attributes.plan' }).waitFor();
    expect(await page.locator('[data-figure="responseRate"]').textContent()).toBe('90.0 %');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'console-scorecard-incident');

    await page.getByRole('link', { name: 'Read the comments' }).click();
    await page.getByRole('heading', { name: 'Feedback comments' }).waitFor();
    await page.getByLabel('Score').selectOption('nps');
    await page.getByLabel('to', { exact: true }).fill('6');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('#sc-comments tbody tr', { hasText: 'Nobody answered the hotline.' }).waitFor();
    expect(await page.locator('#sc-comments tbody tr').count()).toBe(2);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it("asks a customer for their NPS on the notice page, by keyboard, accessibly, and counts the answer", async () => {
    // customer 7 of the first incident (French, reached by email) has not answered yet
    const customer = await h.prisma.customer.findFirstOrThrow({ where: { affected: { some: { incidentId: a } }, externalId: { endsWith: '-7' } } });
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(h.api.get(NoticeLinks).url(a, customer.id));
    const nps = page.getByRole('group', { name: /recommandiez/ });
    await nps.waitFor();
    expect(await nps.getByRole('radio').count()).toBe(11);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.locator('input[name="csat"][value="4"]').check();
    await page.locator('input[name="ces"][value="6"]').check();
    await nps.getByRole('radio', { name: '0', exact: true }).focus();
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight'); // radio groups move with the arrow keys
    expect(await nps.getByRole('radio', { name: '9', exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Pourquoi cette note ? (facultatif)').fill('Des nouvelles claires, chaque jour.');
    await page.locator('#feedback').getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('status').filter({ hasText: 'Merci pour votre avis' }).waitFor();
    expect(await nps.getByRole('radio', { name: '9', exact: true }).isChecked()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
    const { body } = await h.http.get(`/api/v1/incidents/${a}/scorecard`).set(auth()).expect(200);
    // 10 answers now; NPS 5 promoters − 2 detractors of 9 → 33.3
    expect(body.figures).toMatchObject({ responses: 10, nps: { answers: 9, promoters: 5, score: 33.3 } });
  });

  it('is readable on a phone', async () => {
    const { context, page } = await newPage(browser, { baseURL: base, mobile: true });
    await page.goto('/console/login');
    await page.getByLabel('Email').fill('vera@acme.test');
    await page.getByLabel('Password').fill('viewer-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/scorecard/incidents/${a}`);
    await page.getByRole('img', { name: 'Net Promoter Score: 33.3' }).waitFor(); // with the answer given above
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});

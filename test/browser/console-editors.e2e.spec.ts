import type http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { customers, uniq } from '../factories/scenario.factory';
import { accessibilityProblems } from '../support/accessibility';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { auth, Harness } from '../support/harness';

// Comms writes a template and watches the preview follow the keystrokes (and point at a mistake by line
// and column); a commander publishes a runbook that uses it and declares an incident for a few hundred
// customers through the wizard, uploading the list as a file. Screenshots go to docs/screenshots/.
describe('Console in a browser: template editor, runbook editor, declare wizard', () => {
  const AUDIENCE = 300;
  let h: Harness;
  let browser: Browser;
  let base: string;
  let prefix: string;
  let template: string;
  let runbook: string;
  let externalIds: string[];

  beforeAll(async () => {
    h = await Harness.start({ workers: 1 });
    const server = h.api.getHttpServer() as http.Server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    prefix = uniq('editors');
    template = `${prefix}-notice`;
    runbook = `${prefix}-plan`;
    await h.http.post('/api/v1/users').set(auth()).send({ email: `casey-${prefix}@acme.test`, name: 'Casey Comms', role: 'comms', password: 'comms-password-123' }).expect(201);
    await h.http.post('/api/v1/users').set(auth()).send({ email: `grace-${prefix}@acme.test`, name: 'Grace Commander', role: 'commander', password: 'commander-password-1' }).expect(201);
    const list = customers(prefix, AUDIENCE);
    await h.http.post('/api/v1/customers/bulk').set(auth()).send({ customers: list }).expect(200);
    externalIds = list.map((c) => c.externalId);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signIn(page: Page, email: string, password: string, path: string) {
    await page.goto(path);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${path}`);
  }

  it('writes a template with the preview following the typing, and saves it as version 1', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await signIn(page, `casey-${prefix}@acme.test`, 'comms-password-123', '/console/templates');
    await page.getByLabel('Key').fill(template);
    await page.getByLabel('Channel').selectOption('email');
    await page.getByLabel('Locale').fill('en');
    await page.getByRole('button', { name: 'Open editor' }).click();
    await page.waitForURL(`**/console/templates/${template}/email/en`);

    await page.getByLabel('Declared variables').fill(['customer.name', 'incident.title', 'facts.whatHappened', 'facts.hotline'].join('\n'));
    await page.getByLabel('Subject').click(); // leaving the variables box fills in sample facts
    await page.getByLabel('HTML').fill('<h1>{{incident.title}}</h1>\n<p>Dear {{default customer.name "customer"}},</p>\n<p>{{facts.whatHappened}}</p>\n<p>Call {{facts.hotline}}</p>');
    await page.getByLabel('Plain text').fill('Dear {{default customer.name "customer"}},\n{{facts.whatHappened}}\nCall {{facts.hotline}}');
    await page.getByLabel('Subject').pressSequentially('Important: {{incident.title}}', { delay: 15 });
    await page.locator('#preview-subject', { hasText: 'Important: Sample incident' }).waitFor();
    expect(await page.locator('#preview-text').textContent()).toContain('Dear Alex Sample,\nSample whatHappened\nCall Sample hotline');

    // the sample facts are editable; the preview follows them too
    await page.getByLabel('Sample facts').fill(JSON.stringify({ whatHappened: 'Someone read our customer database.', hotline: '0800 123 456' }));
    await page.locator('#preview-text', { hasText: 'Someone read our customer database.' }).waitFor();

    // a mistake is shown at its line and column, with the line and a caret
    await page.getByLabel('HTML').fill('<h1>{{incident.title}}</h1>\n<p>{{facts.hotlne}}</p>');
    const problem = page.locator('#problems li', { hasText: 'html, line 2, column 6' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain("'facts.hotlne' is used but not declared");
    expect(await page.getByLabel('HTML').getAttribute('aria-invalid')).toBe('true');
    // in the shipped layout (its own styles), as the email will look
    await page.getByLabel('HTML').fill('{{#> layout}}\n<h1>{{incident.title}}</h1>\n<p>Dear {{default customer.name "customer"}},</p>\n<p>{{facts.whatHappened}}</p>\n<p>Call <strong>{{facts.hotline}}</strong></p>\n{{/layout}}');
    await page.locator('#preview-state', { hasText: 'up to date' }).waitFor();
    expect(await page.locator('#problems li').count()).toBe(0);
    // the HTML as the email will look, in its own frame
    await page.frameLocator('#preview-frame').locator('strong', { hasText: '0800 123 456' }).waitFor();
    await screenshot(page, 'console-template-editor');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.locator('.flash', { hasText: `Saved ${template}/email/en as version 1.` }).waitFor();
    const saved = await h.prisma.template.findFirstOrThrow({ where: { key: template } });
    expect(saved.createdByName).toBe('Casey Comms');
    expect(saved.variables).toEqual(['customer.name', 'incident.title', 'facts.whatHappened', 'facts.hotline']);
    await context.close();

    // on a phone: one column, no sideways scrolling, still accessible
    const phone = await newPage(browser, { baseURL: base, mobile: true });
    await signIn(phone.page, `casey-${prefix}@acme.test`, 'comms-password-123', `/console/templates/${template}/email/en`);
    await phone.page.locator('#preview-subject', { hasText: 'Important: Sample incident' }).waitFor();
    expect(await phone.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    expect(await accessibilityProblems(phone.page)).toEqual([]);
    await phone.context.close();
  });

  it('publishes a runbook after fixing the problems publish lists', async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await signIn(page, `grace-${prefix}@acme.test`, 'commander-password-1', '/console/runbooks');
    await page.getByLabel('New runbook key').fill(runbook);
    await page.getByRole('button', { name: 'Write a new runbook' }).click();
    await page.waitForURL(`**/console/runbooks/${runbook}`);

    // the form per step: name the plan, fix up the first step, add a second one
    await page.getByLabel('Name', { exact: true }).fill('Customer notice (console)');
    await page.locator('#s0-name').fill('Tell the affected customers');
    await page.locator('#s0-template').fill(`${template}-typo`);
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.locator('#s1-id').waitFor();
    await page.locator('#s1-id').fill('alert-team');
    await page.locator('#s1-audience').selectOption('internal');
    await page.locator('#s1-recipients').fill('Security team <security@acme.test>');
    await page.locator('#s1-template').fill(`${template}-typo`);
    await page.locator('#s1-offset').fill('30');
    await page.locator('#step-1 summary').click();
    await page.locator('#s1-severity').selectOption('high');
    // the summary beside the form follows the edits
    await page.locator('#step-summary li', { hasText: 'only when severity high or higher' }).waitFor();
    expect(await page.locator('#step-summary li', { hasText: 'alert-team' }).textContent()).toContain('30 min after declaration');

    await page.getByRole('button', { name: 'Save and publish' }).click();
    const problems = page.locator('#publish-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(`step notify-customers, template: no email template '${template}-typo' exists`);
    expect(await problems.textContent()).toContain(`step alert-team, template: no email template '${template}-typo' exists`);
    expect(await h.prisma.runbookVersion.count({ where: { runbook: { key: runbook } } })).toBe(0);

    await page.locator('#s0-template').fill(template);
    await page.locator('#s1-template').fill(template);
    await page.locator('#summary-state', { hasText: 'up to date' }).waitFor();
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.locator('.flash', { hasText: `Published '${runbook}' version 1.` }).waitFor();
    await screenshot(page, 'console-runbook-editor');
    expect(await accessibilityProblems(page)).toEqual([]);
    const step = page.locator('#step-summary li', { hasText: 'alert-team' });
    expect(await step.textContent()).toContain('the internal team: Security team <security@acme.test>');
    // the JSON view shows the same draft
    await page.getByRole('link', { name: 'JSON' }).click();
    expect(JSON.parse(await page.getByLabel('Draft (JSON)').inputValue()).steps[1]).toMatchObject({ id: 'alert-team', condition: { severityAtLeast: 'high' } });
    await context.close();
  });

  it(`declares an incident for ${AUDIENCE} customers through the wizard, uploading the list as a file`, async () => {
    const { context, page } = await newPage(browser, { baseURL: base });
    await signIn(page, `grace-${prefix}@acme.test`, 'commander-password-1', '/console/incidents/new');
    await page.getByRole('link', { name: 'Customer notice (console)' }).click();
    await page.waitForURL(`**/console/incidents/new/${runbook}`);

    await page.getByLabel('Title', { exact: true }).fill('Customer records accessed');
    await page.getByLabel('Severity').selectOption('high');
    await page.getByLabel('Jurisdictions').fill('EU, FR');
    await page.getByLabel(/^What happened/).fill('An attacker used a stolen password to read part of our customer database.');
    await page.getByLabel(/^Hotline/).fill('0800 123 456');

    // a filter counts live …
    await page.getByLabel('Every customer matching a filter').check();
    await page.getByLabel('Field', { exact: true }).fill('attributes.plan');
    await page.getByLabel('Value', { exact: true }).fill('pro');
    await page.locator('#filter-count', { hasText: /^[\d,]+ customer\(s\) match$/ }).waitFor();
    // … but this incident touches an exact list, uploaded as a CSV file
    await page.getByLabel('A list of customers (externalIds)').check();
    await page.getByLabel('Upload a file of externalIds').setInputFiles({ name: 'affected.csv', mimeType: 'text/csv', buffer: Buffer.from(`externalId\n${externalIds.join('\n')}\n`) });
    await page.locator('#ids-count', { hasText: `${AUDIENCE} line(s)` }).waitFor();

    await page.getByRole('button', { name: 'Preview schedule and clocks' }).click();
    await page.locator('#preview-affected', { hasText: `${AUDIENCE} customer(s)` }).waitFor();
    expect(await page.locator('#preview-schedule tbody tr').count()).toBe(2);
    expect(await page.locator('#preview-clocks').textContent()).toContain('gdpr-art33');
    expect(await h.prisma.incident.count({ where: { title: 'Customer records accessed', runbookVersion: { runbook: { key: runbook } } } })).toBe(0);
    await screenshot(page, 'console-declare-wizard');
    expect(await accessibilityProblems(page)).toEqual([]);

    // pressed twice (a double click submits the form twice): the form's idempotency key makes it one incident
    await page.getByRole('button', { name: 'Declare the incident' }).dblclick();
    await page.waitForURL(/\/console\/incidents\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name: 'Customer records accessed' }).waitFor();
    const incidents = await h.prisma.incident.findMany({ where: { runbookVersion: { runbook: { key: runbook } } } });
    expect(incidents.map((i) => i.id)).toEqual([id]);
    expect(await h.prisma.affectedCustomer.count({ where: { incidentId: id } })).toBe(AUDIENCE);
    await context.close();
  });
});

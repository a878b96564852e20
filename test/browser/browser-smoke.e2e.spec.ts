import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser } from 'playwright-core';
import { launchBrowser, newPage } from '../support/browser';

// Proves the browser test set-up (Debian chromium + playwright-core) works before the console and notice-page tests rely on it.
describe('browser test set-up', () => {
  let browser: Browser;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><title>t</title><button id="b" onclick="this.textContent=\'clicked\'">click me</button>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server.close(r));
  });

  it('opens a local page in headless chromium and clicks a button', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(base);
    await page.getByRole('button', { name: 'click me' }).click();
    expect(await page.locator('#b').textContent()).toBe('clicked');
    await context.close();
  });
});

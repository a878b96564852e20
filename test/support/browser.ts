// Headless Debian Chromium driven by playwright-core, for the browser tests (console, notice page).
// The flags keep Chromium off the network (this machine's network is closed; it would otherwise try
// Google's hosts at every start) and let it run as root in a container.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The README's screenshots (docs/screenshots/) are rewritten only when asked (`UPDATE_SCREENSHOTS=1 npm test`),
 * so an ordinary test run does not leave changed PNGs in the tree; otherwise they go to test/.screenshots/
 * (ignored by git), still taken, so a broken page still fails the run.
 */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs', 'screenshots'] : ['test', '.screenshots']));

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run .ci/run (it installs Debian's chromium) or apt-get install -y chromium`);
  }
  // playwright-core gives each launch a fresh temporary profile of its own
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** A fresh context with a laptop viewport (or a phone one) and a page in it. */
export async function newPage(browser: Browser, opts: { mobile?: boolean; baseURL?: string; timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...(opts.mobile ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 860 } }),
    baseURL: opts.baseURL,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  // a wait for a condition, not a time limit on it: the suite's usual 120 s (Playwright's default is 30 s,
  // short for a page that follows a fan-out on a machine whose cores are busy)
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  const page = await context.newPage();
  return { context, page };
}

/** Saves a full-page screenshot as <name>.png in SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Automated accessibility check for browser tests: axe-core (the engine behind most a11y linters) run in the
// page, WCAG 2.0/2.1 A and AA rules (contrast, labels, landmarks, names, keyboard-reachable scroll areas).
import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One line per rule the page breaks, with up to three offending elements; [] when it passes. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((r) =>
    r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`);
}

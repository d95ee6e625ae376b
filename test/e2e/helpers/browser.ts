/**
 * Debian's Chromium driven by playwright-core. When it is not installed the suites are skipped with a
 * visible notice (a warning and the reason in the test names), never silently.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './build';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = HAVE_CHROMIUM ? '' : ` [SKIPPED: ${CHROMIUM} not found — apt-get install chromium]`;
if (!HAVE_CHROMIUM) console.warn(`dashboard end-to-end tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Collects page errors, console errors and CSP violations, for a test to assert none happened. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(`${m.type()}: ${text}`);
  });
  return problems;
}

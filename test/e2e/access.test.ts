/**
 * Browser mode against a collector that requires an access token: the token prompt (WebSocket closed
 * with 4401), `?token=` taken from the address and removed from it, and the reconnecting banner when
 * the collector goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Collector } from '../../src/server/collector';
import { ensureRendererBuilt } from './helpers/build';
import { HAVE_CHROMIUM, SKIP_REASON, launch, shot, watchProblems } from './helpers/browser';
import { startTestCollector } from './helpers/collector';

const TOKEN = 'e2e-access-token-4f9c';

describe.skipIf(!HAVE_CHROMIUM)(`collector access from a browser${SKIP_REASON}`, () => {
  let collector: Collector;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    collector = await startTestCollector({ server: { accessToken: TOKEN } });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  it('asks for the token when the collector refuses the stream, then connects with it', async () => {
    const page = await browser.newPage();
    await page.goto(collector.url);
    await page.getByText('Access token required.').waitFor();
    await shot(page, '10-token-prompt');
    const input = page.getByLabel('Access token', { exact: true });
    await input.fill('wrong-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    // Refused again: the prompt comes back, empty.
    await page.waitForFunction(() => (document.querySelector('.token-form input') as HTMLInputElement | null)?.value === '');
    await input.fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('No source is configured yet.').waitFor();
    expect(await page.getByText('Access token required.').count()).toBe(0);
    await page.close();
  });

  it('takes ?token= from the address once and removes it from the address bar', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${collector.url}/?wallboard=1&token=${TOKEN}`);
    await page.locator('.wb-figure').first().waitFor();
    expect(page.url()).toBe(`${collector.url}/?wallboard=1`);
    await page.reload(); // kept for this tab's session
    await page.locator('.wb-figure').first().waitFor();
    expect(await page.getByText('Access token required.').count()).toBe(0);
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    await page.close();
  });

  it('shows a reconnecting banner when the collector goes away', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/?token=${TOKEN}#/agents`);
    await page.getByRole('heading', { level: 2, name: 'Agents' }).waitFor();
    await collector.stop();
    const banner = page.getByTestId('reconnecting');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/Connection lost\. Reconnecting in \d+ seconds?/);
    await shot(page, '11-reconnecting');
    await page.close();
  });
});

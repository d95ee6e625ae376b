/**
 * The source form in Chromium, where layout and focus are real: the first click on Save, Test
 * connection or Advanced acts even when the field it leaves shows an error (which pushes the buttons
 * down), a refused save opens "Advanced" on its wrong field, and Cancel, Esc and the remove
 * confirmation keep the keyboard's place. In every language, as the labels' lengths differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Collector } from '../../src/server/collector';
import type { Language } from '../../src/shared/settings';
import { ensureRendererBuilt } from './helpers/build';
import { HAVE_CHROMIUM, SKIP_REASON, launch, shot, watchProblems } from './helpers/browser';
import { startTestCollector } from './helpers/collector';
import { CATALOGS } from '../../src/renderer/i18n/translate';

describe.skipIf(!HAVE_CHROMIUM)(`source form in Chromium${SKIP_REASON}`, () => {
  let collector: Collector;
  let browser: Browser;
  const problems: string[][] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    collector = await startTestCollector({
      sources: [{ id: 'wv', vendor: 'wolkvox', name: 'Bogotá', server: '0031', token: 't', enabled: false }],
    });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  async function open(lang: Language): Promise<{ context: BrowserContext; page: Page; t: (key: string) => string }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang });
    await context.addInitScript((l) => localStorage.setItem('cctm.prefs', JSON.stringify({ language: l, theme: null })), lang);
    const page = await context.newPage();
    problems.push(watchProblems(page));
    await page.goto(`${collector.url}/#/sources`);
    const t = (key: string) => String((CATALOGS[lang] as Record<string, unknown>)[key]);
    await page.getByRole('heading', { level: 2, name: t('nav.sources') }).waitFor();
    return { context, page, t };
  }

  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('name') ?? el.textContent?.trim() ?? ''}` : '';
  });

  async function newForm(page: Page, t: (key: string) => string, vendor: string) {
    await page.getByLabel(t('sources.vendor')).selectOption(vendor);
    await page.getByRole('button', { name: t('sources.add'), exact: true }).click();
    const form = page.locator('form.source-form');
    await form.waitFor();
    return form;
  }

  for (const lang of ['en', 'es', 'fr', 'ru'] as const) {
    it(`${lang}: one click on Save, Test connection or Advanced acts, though the field left shows its error`, async () => {
      const { context, page, t } = await open(lang);
      for (const vendor of ['wolkvox', 'avaya', 'axialys', 'telphin', 'collector']) {
        const form = await newForm(page, t, vendor);
        // Save: the id's error would push the buttons down between press and release.
        await form.locator('[name=id]').fill('bad id');
        const save = form.locator('button[type=submit]');
        const before = (await save.boundingBox())!;
        await save.click();
        await form.locator('p.error[role=alert]').waitFor({ timeout: 2_000 });
        expect((await save.boundingBox())!.y, vendor).toBeGreaterThan(before.y);
        // Refused: the focus on the first wrong field.
        expect(await focused(page), vendor).toBe('input:id');
        await form.getByRole('button', { name: t('action.cancel') }).click();
        await form.waitFor({ state: 'detached' });
        // Cancelled: back to the button the form was opened from.
        expect(await focused(page), vendor).toBe(`button:${t('sources.add')}`);
      }
      // Advanced and Test connection, in a fresh form.
      let form = await newForm(page, t, 'wolkvox');
      await form.locator('[name=id]').fill('bad id');
      await form.locator('summary').click();
      expect(await form.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      await form.locator('.field-error').first().waitFor();
      await form.getByRole('button', { name: t('action.cancel') }).click();
      form = await newForm(page, t, 'wolkvox');
      await form.locator('[name=id]').fill('bad id');
      await form.getByRole('button', { name: t('sources.test') }).click();
      await form.locator('p.error[role=alert]').waitFor({ timeout: 2_000 });
      await shot(page, `sources-first-click-${lang}`);
      // Esc cancels as Cancel does.
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      expect(await focused(page)).toBe(`button:${t('sources.add')}`);
      await context.close();
    });
  }

  it('a refused save opens "Advanced" on its first wrong field; Wolkvox refuses what is not a server', async () => {
    const { context, page, t } = await open('en');
    const form = await newForm(page, t, 'wolkvox');
    await form.locator('[name=id]').fill('ok-id');
    await form.locator('[name=server]').fill('not a server code !!');
    await form.locator('[name=token]').fill('tok');
    await form.locator('summary').click();
    await form.locator('[name="poll.latencySec"]').fill('often');
    await form.locator('[name=baseUrl]').fill('not an address');
    await form.locator('summary').click();
    expect(await form.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await form.locator('button[type=submit]').click();
    await page.getByText('Fix the 3 fields marked above.').waitFor({ timeout: 2_000 });
    expect(await focused(page)).toBe('input:server');
    await form.getByText('A server code such as "0031" (from wv0031.wolkvox.com), or that host name.').waitFor();
    await form.locator('[name=server]').fill('0031');
    await form.locator('button[type=submit]').click();
    await page.getByText('Fix the 2 fields marked above.').waitFor({ timeout: 2_000 });
    expect(await form.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await focused(page)).toBe('input:poll.latencySec');
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('the remove confirmation takes the focus, and Esc or Cancel give it back to Remove', async () => {
    const { context, page, t } = await open('en');
    const card = page.getByTestId('source-wv');
    await card.getByRole('button', { name: t('action.remove') }).click();
    expect(await focused(page)).toBe('button:Cancel');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('button:Remove');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('button:Cancel');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('button:Remove');
    await context.close();
  });

  it('gives the focus back to Test connection once the test is over (disabled meanwhile, the button lost it)', async () => {
    const { context, page, t } = await open('en');
    const form = await newForm(page, t, 'collector');
    await form.locator('[name=id]').fill('other');
    await form.locator('[name=url]').fill('https://127.0.0.1:9');
    await form.getByRole('button', { name: t('sources.test') }).click();
    await page.getByTestId('test-result').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Test connection');
    await context.close();
  });

  it('adds the demo sources, then no longer offers them, the focus going on to "Add source"', async () => {
    const { context, page, t } = await open('en');
    const demo = page.getByRole('button', { name: t('sources.addDemo') });
    await demo.click();
    await demo.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByTestId('source-demo-wolkvox').waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Add source');
    await page.reload();
    await page.getByTestId('source-demo-wolkvox').waitFor();
    expect(await page.getByRole('button', { name: t('sources.addDemo') }).count()).toBe(0);
    await context.close();
  });

  it('ran without page errors', () => {
    expect(problems.flat()).toEqual([]);
  });
});

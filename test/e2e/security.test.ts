/**
 * The dashboard is untrusted, and stays confined, in Debian's Chromium against a collector serving the
 * built dashboard: a strict Content-Security-Policy header (inline scripts, inline handlers and eval
 * are blocked, with a `securitypolicyviolation` to show for it), no Node or Electron API in the page,
 * a bridge that refuses unknown channels and malformed requests, and a page from another origin can
 * neither open the stream, read the API nor frame the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { Collector } from '../../src/server/collector';
import { ensureRendererBuilt } from './helpers/build';
import { HAVE_CHROMIUM, SKIP_REASON, launch } from './helpers/browser';
import { startTestCollector } from './helpers/collector';

describe.skipIf(!HAVE_CHROMIUM)(`dashboard confinement in Chromium${SKIP_REASON}`, () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;
  let other: Server;
  let otherUrl: string;

  beforeAll(async () => {
    ensureRendererBuilt();
    collector = await startTestCollector();
    browser = await launch();
    page = await browser.newPage();
    await page.goto(collector.url);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    // Another origin (another port on loopback) standing for a site the user happens to visit.
    other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>elsewhere</title><p>elsewhere</p>');
    });
    await new Promise<void>((res) => other.listen(0, '127.0.0.1', () => res()));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
    await new Promise((res) => other?.close(res));
  });

  it('serves the dashboard with a strict Content-Security-Policy header', async () => {
    const res = await fetch(`${collector.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives the page no Node or Electron API', async () => {
    const reach = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        global: typeof w.global,
        __dirname: typeof w.__dirname,
        cctm: typeof w.cctm,
        electron: typeof w.electron,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(reach).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      global: 'undefined',
      __dirname: 'undefined',
      cctm: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  it('blocks inline scripts, inline handlers and eval, and reports each violation', async () => {
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true" onerror="window.__handlerRan = true">';
      document.body.appendChild(holder);
      // Code evaluated by the test driver may use eval; a timer callback runs as the page's own code.
      const { evalBlocked, functionBlocked } = await new Promise<{ evalBlocked: boolean; functionBlocked: boolean }>((resolve) =>
        setTimeout(() => {
          let evalBlocked = false;
          let functionBlocked = false;
          try {
            (0, eval)('window.__evalRan = true');
          } catch {
            evalBlocked = true;
          }
          try {
            new Function('window.__functionRan = true')();
          } catch {
            functionBlocked = true;
          }
          resolve({ evalBlocked, functionBlocked });
        }, 0),
      );
      await new Promise((r) => setTimeout(r, 300));
      holder.remove();
      return { inline: w.__inlineRan === true, handler: w.__handlerRan === true, eval: w.__evalRan === true, fn: w.__functionRan === true, evalBlocked, functionBlocked, violations };
    });
    expect(outcome).toMatchObject({ inline: false, handler: false, eval: false, fn: false, evalBlocked: true, functionBlocked: true });
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']));
  });

  it('the bridge refuses unknown channels and malformed requests', async () => {
    const replies = await page.evaluate(async () => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/stream`);
      const got: Record<string, unknown>[] = [];
      ws.onmessage = (e) => got.push(JSON.parse(String(e.data)) as Record<string, unknown>);
      await new Promise((r) => (ws.onopen = r));
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'fs:read', payload: { path: '/etc/passwd' } }));
      ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'shell:exec', payload: 'id' }));
      ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'alerts:ack', payload: { id: 5, extra: true } }));
      ws.send(JSON.stringify({ type: 'invoke', id: 4, channel: 'app:open-external', payload: { url: 'file:///etc/passwd' } }));
      ws.send('not json');
      const end = Date.now() + 5000;
      while (got.filter((m) => m.type === 'result' || m.type === 'error').length < 5 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      ws.close();
      return got.filter((m) => m.type !== 'snapshot' && m.type !== 'patch');
    });
    const byId = (id: number) => replies.find((m) => m.id === id) as { ok: boolean; value?: unknown; error?: { code: string } } | undefined;
    expect(byId(1)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(byId(2)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(byId(3)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // No command opens anything outside the dashboard: the OS browser opens only for links the user follows.
    expect(byId(4)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(replies.some((m) => m.type === 'error' && (m.error as { code: string }).code === 'invalid_request')).toBe(true);
  });

  it('a page from another origin can neither open the stream, read the API nor frame the dashboard', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(otherUrl);
    const attempt = await stranger.evaluate(async (target) => {
      const stream = await new Promise<{ opened: boolean; messages: number }>((resolve) => {
        const ws = new WebSocket(`${target.replace(/^http/, 'ws')}/api/stream`);
        let messages = 0;
        let opened = false;
        ws.onopen = () => (opened = true);
        ws.onmessage = () => messages++;
        ws.onerror = () => resolve({ opened, messages });
        ws.onclose = () => resolve({ opened, messages });
        setTimeout(() => resolve({ opened, messages }), 4000);
      });
      let read: string;
      try {
        const res = await fetch(`${target}/api/snapshot`);
        read = `read ${(await res.text()).length} bytes`;
      } catch (e) {
        read = `refused: ${(e as Error).name}`;
      }
      return { stream, read };
    }, collector.url);
    expect(attempt.stream).toEqual({ opened: false, messages: 0 });
    expect(attempt.read).toBe('refused: TypeError');
    await stranger.setContent(`<iframe id="f" src="${collector.url}/"></iframe>`);
    await stranger.waitForTimeout(1500);
    const frame = stranger.frames().find((f) => f !== stranger.mainFrame());
    const framed = frame ? await frame.evaluate(() => document.getElementById('root')?.childElementCount ?? -1).catch(() => -1) : -1;
    expect(framed).toBe(-1);
    await stranger.close();
  });
});

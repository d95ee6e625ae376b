/**
 * Each renderer build writes its own Content-Security-Policy into the page: the browser dashboard's
 * (it reaches the collector's stream over a WebSocket) and the tray app's, the strict policy the main
 * process also sends as a header, since a header added in onHeadersReceived may not reach a file://
 * page. Checked here on the build configurations' own plugins (fast); the built pages are checked by
 * packaged-files.test.ts (electron-vite build) and dashboard-build.test.ts (vite build).
 */
import { describe, expect, it } from 'vitest';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import electronViteConfig from '../../electron.vite.config';
import browserConfig, { BROWSER_CSP, CSP_PLUGIN } from '../../vite.renderer.config';
import { DASHBOARD_META_POLICY, dashboardPolicy, metaPolicy } from '../../src/main/csp';
import { contentSecurityPolicy } from '../../src/main/security';
import { resolveAppPages } from '../../src/main/pages';

/** The meta policies the CSP plugin of a build configuration injects into index.html. */
function injected(config: { plugins?: unknown[] }): string[] {
  const plugins = (config.plugins ?? []).flat(Infinity) as Plugin[];
  const csp = plugins.filter((p) => p && p.name === CSP_PLUGIN);
  expect(csp).toHaveLength(1);
  expect(csp[0]!.apply).toBe('build'); // the dev server injects inline styles for hot reload
  const hook = csp[0]!.transformIndexHtml as () => HtmlTagDescriptor[];
  return hook()
    .filter((t) => t.tag === 'meta' && t.attrs?.['http-equiv'] === 'Content-Security-Policy')
    .map((t) => String(t.attrs!.content));
}

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));

describe('renderer Content-Security-Policy', () => {
  it("the tray app's page carries the main process's policy, without what a meta tag cannot carry", () => {
    const renderer = (electronViteConfig as { renderer: { plugins?: unknown[] } }).renderer;
    expect(injected(renderer)).toEqual([DASHBOARD_META_POLICY]);
    const header = contentSecurityPolicy(resolveAppPages('/app/out/main', { isPackaged: true, env: {} }));
    expect(header).toBe(dashboardPolicy(null));
    expect(DASHBOARD_META_POLICY).toBe(metaPolicy(header));
    const meta = directives(DASHBOARD_META_POLICY);
    const full = directives(header);
    expect([...full.keys()].filter((k) => !meta.has(k))).toEqual(['frame-ancestors']);
    for (const [name, value] of meta) expect(value, name).toBe(full.get(name));
  });

  it("the tray app's page may open no WebSocket and run no inline code", () => {
    const meta = directives(DASHBOARD_META_POLICY);
    expect(meta.get('default-src')).toBe("'none'");
    expect(meta.get('connect-src')).toBe("'self'");
    expect(meta.get('script-src')).toBe("'self'");
    expect(meta.get('style-src')).toBe("'self'");
    expect(meta.get('object-src')).toBe("'none'");
    expect(meta.get('base-uri')).toBe("'none'");
    expect(DASHBOARD_META_POLICY).not.toMatch(/\bwss?:|unsafe-|\*/);
  });

  it('the browser dashboard keeps its own policy, with the WebSocket to the collector', () => {
    expect(injected(browserConfig as { plugins?: unknown[] })).toEqual([BROWSER_CSP]);
    expect(directives(BROWSER_CSP).get('connect-src')).toBe("'self' ws: wss:");
    expect(BROWSER_CSP).not.toBe(DASHBOARD_META_POLICY);
  });

  it('a meta policy drops only the header-only directives', () => {
    expect(metaPolicy("default-src 'none'; frame-ancestors 'none'; sandbox; report-uri /r; img-src 'self'")).toBe("default-src 'none'; img-src 'self'");
  });
});

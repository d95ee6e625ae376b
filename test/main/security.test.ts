import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, fake, resetElectron } from '../fakes/electron';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { isSafeExternalUrl, openExternal } = await import('../../src/main/external');
const { guardWebContents, hardenSession, contentSecurityPolicy } = await import('../../src/main/security');
const { resolveAppPages, isAppUrl } = await import('../../src/main/pages');
const { memoryLogger } = await import('../../src/core/util/logger');

const pages = resolveAppPages('/app/out/main', { isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
const devPages = resolveAppPages('/app/out/main', { isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });

beforeEach(() => {
  resetElectron();
});

describe('guarded openExternal', () => {
  it('opens https links only, without credentials', async () => {
    const log = memoryLogger();
    expect(await openExternal('https://developers.wolkvox.com/docs', log)).toBe(true);
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://developers.wolkvox.com/docs', { activate: true });
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share/x',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@example.com/',
      'https://token@example.com/',
      'https://exa mple.com/',
      `https://example.com/${'a'.repeat(3000)}`,
      '',
      42,
    ]) {
      expect(isSafeExternalUrl(url), String(url)).toBe(false);
      expect(await openExternal(url, log)).toBe(false);
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(log.lines.join('\n')).not.toContain('pass');
    expect(log.lines.join('\n')).toContain('(with credentials)');
  });

  it('never throws when the OS browser fails', async () => {
    fake.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    const log = memoryLogger();
    expect(await openExternal('https://example.com/', log)).toBe(false);
    expect(log.lines.join('\n')).toMatch(/could not open the link/);
  });
});

describe('web contents guards', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const open = vi.fn(async (_url: string) => true);
    const log = memoryLogger();
    guardWebContents(contents as never, pages, open, log);
    return { contents, open, log };
  }

  it('blocks navigation away from the app; https goes to the OS browser', () => {
    const { contents, open } = guarded();
    expect(contents.emitPreventable('will-navigate', 'https://evil.example.com/')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://evil.example.com/');
    expect(contents.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emitPreventable('will-redirect', 'http://example.com/')).toBe(true);
    expect(open).toHaveBeenCalledTimes(1);
    // the app page itself may reload
    expect(contents.emitPreventable('will-navigate', 'file:///app/out/renderer/index.html#/settings')).toBe(false);
  });

  it('denies every new window and <webview>', () => {
    const { contents, open } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledWith('https://docs.example.com/');
    expect(contents.windowOpenHandler!({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
  });
});

describe('session hardening', () => {
  it('denies every permission request and check but writing to the clipboard from the app’s own pages', () => {
    const log = memoryLogger();
    hardenSession(fake.session.defaultSession as never, pages, log);
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = fake.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string) => boolean;
    const app = { getURL: () => 'file:///app/out/renderer/index.html#/alerts/x' };
    const other = { getURL: () => 'https://example.com/' };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-write']) {
      for (const contents of [app, other, null]) {
        const cb = vi.fn();
        request(contents, permission, cb);
        expect(cb).toHaveBeenCalledWith(false);
        expect(check(contents, permission)).toBe(false);
      }
    }
    // The Copy buttons: writing text only, and only from the dashboard.
    const cb = vi.fn();
    request(app, 'clipboard-sanitized-write', cb);
    expect(cb).toHaveBeenCalledWith(true);
    expect(check(app, 'clipboard-sanitized-write')).toBe(true);
    for (const contents of [other, { getURL: () => 'file:///tmp/evil.html' }, null]) {
      const denied = vi.fn();
      request(contents, 'clipboard-sanitized-write', denied);
      expect(denied).toHaveBeenCalledWith(false);
      expect(check(contents, 'clipboard-sanitized-write')).toBe(false);
    }
    expect(log.lines.join('\n')).toContain('denied a permission request from the dashboard: clipboard-read');
    const device = fake.session.defaultSession.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('sends the CSP header on the app pages only', () => {
    hardenSession(fake.session.defaultSession as never, pages, memoryLogger());
    const listener = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: unknown) => void) => void;
    const cb = vi.fn();
    listener({ url: 'file:///app/out/renderer/index.html', responseHeaders: { 'X-A': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [contentSecurityPolicy(pages)] } });
    const other = vi.fn();
    listener({ url: 'https://example.com/', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('the production CSP allows only the app itself', () => {
    const csp = contentSecurityPolicy(pages);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/https?:|ws:/);
    expect(contentSecurityPolicy(devPages)).toContain('connect-src \'self\' ws://localhost:5173');
  });

  it('trusts a dev server only in development and only on loopback', () => {
    expect(pages.devOrigin).toBeNull();
    expect(devPages.devOrigin).toBe('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/src/main.tsx', devPages)).toBe(true);
    expect(resolveAppPages('/app/out/main', { isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://evil.example.com' } }).devOrigin).toBeNull();
  });
});

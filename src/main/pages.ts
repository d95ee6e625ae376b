/**
 * The app's own pages: the built dashboard (file:// out/renderer/index.html) or, in development,
 * electron-vite's dev server. IPC senders, navigations and the CSP header are checked against them.
 */
import { normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost } from '../shared/sources';

export interface AppPages {
  /** Absolute path of out/renderer/index.html. */
  indexFile: string;
  /** Origin of the electron-vite dev server (development only), else null. */
  devOrigin: string | null;
}

/** `mainDir` is out/main (where the bundled main script lives). */
export function resolveAppPages(mainDir: string, opts: { isPackaged: boolean; env: Record<string, string | undefined> }): AppPages {
  return { indexFile: resolve(mainDir, '../renderer/index.html'), devOrigin: opts.isPackaged ? null : devServerOrigin(opts.env.ELECTRON_RENDERER_URL) };
}

/** Only a loopback http(s) dev server is trusted, whatever the environment says. */
function devServerOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) return url.origin;
  } catch {
    // not a URL: no dev server
  }
  return null;
}

const samePath = (a: string, b: string) =>
  process.platform === 'win32' || process.platform === 'darwin' ? normalize(a).toLowerCase() === normalize(b).toLowerCase() : normalize(a) === normalize(b);

/** Whether a URL is one of the app's own pages (any hash or query). */
export function isAppUrl(raw: string | null | undefined, pages: AppPages): boolean {
  if (!raw) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    if (url.host !== '') return false;
    try {
      return samePath(fileURLToPath(`file://${url.pathname}`), pages.indexFile);
    } catch {
      return false;
    }
  }
  return pages.devOrigin !== null && url.origin === pages.devOrigin;
}

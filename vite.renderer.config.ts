/**
 * The renderer build, shared by electron-vite (tray app) and the collector (browser dashboard).
 * The built page carries its Content-Security-Policy in a meta tag, so it is enforced wherever the
 * page is served from (file:// in the tray app, the collector over HTTP). Each build has its own: the
 * browser dashboard reaches the collector's stream over a WebSocket, the tray app's dashboard talks
 * only to the preload bridge (its policy comes from src/main/csp.ts, see electron.vite.config.ts).
 * Only the build gets it: the dev server injects inline styles for hot reload.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The browser dashboard's meta policy (the collector also sends its header policy, src/server/static.ts). */
export const BROWSER_CSP = "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const CSP_PLUGIN = 'cctm-csp-meta';

function cspMeta(policy: string): Plugin {
  return {
    name: CSP_PLUGIN,
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * A build is a production build whatever NODE_ENV the environment carries. Vite takes an inherited
 * NODE_ENV over the build's mode, and test runners set it ("test" under vitest, which builds the
 * dashboard for the browser tests): that gave React's development build and JSX runtime (757 KB
 * instead of 507, several times slower to render), which the collector then served as up to date.
 */
function productionBuild(): Plugin {
  return {
    name: 'cctm-production-build',
    apply: 'build',
    config() {
      process.env.NODE_ENV = 'production';
    },
  };
}

/** The renderer build with `csp` as the page's meta policy. */
export function rendererConfig(csp: string) {
  return {
    root: resolve(import.meta.dirname, 'src/renderer'),
    base: './',
    plugins: [productionBuild(), react(), cspMeta(csp)],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
    },
  };
}

export default defineConfig(rendererConfig(BROWSER_CSP));

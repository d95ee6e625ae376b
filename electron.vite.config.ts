/**
 * electron-vite build of the tray app: main (ESM) → out/main, preload (CommonJS, as sandboxed preloads
 * require) → out/preload/index.cjs, renderer → out/renderer with the same settings as the collector's
 * dashboard build (vite.renderer.config.ts) but the tray app's own meta policy: the header the main
 * process adds may not reach a file:// page, and the browser build's policy lets the page open
 * WebSockets to any host, which the tray app's dashboard never needs.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';
import { DASHBOARD_META_POLICY } from './src/main/csp';

const root = import.meta.dirname;

/**
 * Whether the installers built after this bundle will be signed: the same variables electron-builder
 * signs with on this OS (`npm run dist` bundles and packages on the same machine). Linux packages are
 * never signed. The tray app keeps automatic updates off in unsigned builds.
 */
export function signedBuild(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return Boolean(env.WIN_CSC_LINK || env.CSC_LINK);
  if (platform === 'darwin') return Boolean(env.CSC_LINK || env.CSC_NAME);
  return false;
}

const renderer = rendererConfig(DASHBOARD_META_POLICY);

export default defineConfig({
  main: {
    define: { __CCTM_SIGNED__: JSON.stringify(signedBuild()) },
    build: {
      outDir: resolve(root, 'out/main'),
      sourcemap: false,
      rolldownOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      sourcemap: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    build: {
      ...renderer.build,
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});

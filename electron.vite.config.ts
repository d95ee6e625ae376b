/**
 * electron-vite build of the tray app: main (ESM) → out/main, preload (CommonJS, as sandboxed preloads
 * require) → out/preload/index.cjs, renderer → out/renderer with the same settings as the collector's
 * dashboard build (vite.renderer.config.ts).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

const root = import.meta.dirname;

/** Signing material present at build time: the same variables electron-builder signs with. */
const signed = Boolean(process.env.CSC_LINK || process.env.CSC_NAME || process.env.WIN_CSC_LINK);

export default defineConfig({
  main: {
    define: { __CCTM_SIGNED__: JSON.stringify(signed) },
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
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});

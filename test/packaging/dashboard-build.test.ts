/**
 * The dashboard the collector serves is built with `vite build --config vite.renderer.config.ts` (by
 * `npm run collector` when the build is missing or stale, `npm run build:renderer`, the browser tests
 * and the renderer benchmark). Vite takes an inherited NODE_ENV over the build's mode; under a test
 * runner (NODE_ENV=test, as here) that used to give React's development build, which the collector
 * then served as up to date. The build must be the production one whatever the environment says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { metaPolicies } from '../support/csp';
import { BROWSER_CSP } from '../../vite.renderer.config';

const root = resolve(import.meta.dirname, '../..');
let outDir = '';
/** The bundles of the build without NODE_ENV (the reference). */
let reference: string[] = [];

function build(env: NodeJS.ProcessEnv, dir: string): string[] {
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env,
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  return readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'cctm-dashboard-'));
  const plain = { ...process.env };
  delete plain.NODE_ENV;
  reference = build(plain, join(outDir, 'plain'));
}, 200_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('dashboard build', () => {
  it("is React's production build under NODE_ENV=test or development, the same bundle as with no NODE_ENV", () => {
    expect(process.env.NODE_ENV).toBe('test');
    for (const nodeEnv of ['test', 'development']) {
      const scripts = build({ ...process.env, NODE_ENV: nodeEnv }, join(outDir, nodeEnv));
      // Content-hashed names: the same name is the same bundle.
      expect(scripts, nodeEnv).toEqual(reference);
      for (const f of scripts) {
        const text = readFileSync(join(outDir, nodeEnv, 'assets', f), 'utf8');
        // The development JSX runtime and one of React's development-only warnings.
        expect(text, nodeEnv).not.toContain('jsxDEV');
        expect(text, nodeEnv).not.toContain('unique "key" prop');
      }
    }
  }, 300_000);

  it("carries the browser dashboard's policy (WebSocket to the collector), not the tray app's", () => {
    const html = readFileSync(join(outDir, 'plain', 'index.html'), 'utf8');
    const policies = metaPolicies(html);
    expect(policies).toEqual([BROWSER_CSP]);
  });
});

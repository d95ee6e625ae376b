/**
 * What the installers would contain: the tray app is bundled for real (electron-vite, into a temporary
 * folder), then electron-builder's `files` globs are applied to the repository plus that build. The
 * result must be the bundles and package.json only — no sources, tests, source maps, secrets or docs —
 * and the bundles must not need anything electron-builder leaves out (devDependencies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { metaPolicies } from '../support/csp';
import { DASHBOARD_META_POLICY } from '../../src/main/csp';
import { contentSecurityPolicy } from '../../src/main/security';
import { resolveAppPages } from '../../src/main/pages';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, opts: { dot: boolean }): boolean };
const yaml = require('js-yaml') as { load(text: string): unknown };
const builder = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

const SKIP = new Set(['node_modules', '.git', 'out', 'release', 'dist', 'tmp', 'coverage', 'test-results']);
function walk(dir: string, base: string, skip = SKIP): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (skip.has(name)) return [];
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base, new Set()) : [relative(base, full).split(sep).join('/')];
  });
}

/** electron-builder's reading of `files`: patterns in order, a later "!pattern" excludes. */
function packaged(paths: string[], patterns: string[]): string[] {
  return paths.filter((p) => {
    let included = false;
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) {
        if (minimatch(p, pattern.slice(1), { dot: true })) included = false;
      } else if (minimatch(p, pattern, { dot: true })) included = true;
    }
    return included;
  });
}

let outDir = '';
let files: string[] = [];
const read = (p: string) => readFileSync(join(outDir, '..', p), 'utf8');

beforeAll(() => {
  outDir = join(mkdtempSync(join(tmpdir(), 'cctm-pack-')), 'out');
  const run = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CSC_LINK: '', WIN_CSC_LINK: '', CSC_NAME: '' },
  });
  if (run.status !== 0) throw new Error(`electron-vite build failed:\n${run.stdout}\n${run.stderr}`);
  const built = walk(outDir, outDir).map((p) => `out/${p}`);
  // Hazards a careless build or checkout could leave next to the bundles.
  const hazards = ['out/main/index.js.map', 'out/renderer/assets/app.test.js', 'out/.env', '.env', '.env.local', 'out/main/.env.production', 'out/NOTES.md'];
  files = packaged([...walk(root, root), ...built, ...hazards], builder.files);
}, 200_000);

afterAll(() => {
  if (outDir) rmSync(join(outDir, '..'), { recursive: true, force: true });
});

describe('packaged files', () => {
  it('are the three bundles and package.json, nothing else', () => {
    expect(files).toContain('package.json');
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) expect(files).toContain(f);
    for (const f of files) expect(f === 'package.json' || f.startsWith('out/'), f).toBe(true);
  });

  it('hold no sources, tests, source maps, environment files or docs', () => {
    for (const f of files) {
      expect(f, f).not.toMatch(/\.map$/);
      expect(f, f).not.toMatch(/\.(test|spec)\./);
      expect(f, f).not.toMatch(/(^|\/)\.env(\.|$)/);
      expect(f, f).not.toMatch(/\.(md|ts|tsx)$/);
      expect(f, f).not.toMatch(/^(src|test|docs|scripts|bench|build)\//);
    }
    for (const f of files.filter((x) => x.startsWith('out/'))) {
      const text = read(f);
      expect(text, f).not.toMatch(/sourceMappingURL=/);
      expect(text, f).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
  });

  it('the main bundle needs only Node built-ins, electron and production dependencies', () => {
    const main = read('out/main/index.js');
    const specifiers = [...main.matchAll(/(?:^import[^'"]*?from\s*|^import\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/gm)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(3);
    const bare = specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
    const allowed = new Set(['electron', ...builtinModules, ...Object.keys(pkg.dependencies)]);
    for (const s of bare) {
      const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!;
      expect(allowed.has(name), `${s} is imported at run time but is not a production dependency`).toBe(true);
    }
    // the signing flag was replaced at bundle time (unsigned here, so automatic updates stay off)
    expect(main).not.toContain('__CCTM_SIGNED__');
    expect(main).toMatch(/signed: false\b/);
  });

  it('the preload is a small CommonJS script requiring only electron, without the shared schemas', () => {
    const preload = read('out/preload/index.cjs');
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("cctm"');
    expect(preload).not.toContain('zod');
    expect(preload.length).toBeLessThan(10_000);
  });

  it("the dashboard is React's production build, though the build inherited NODE_ENV=test from the test runner", () => {
    expect(process.env.NODE_ENV).toBe('test');
    const scripts = files.filter((f) => f.startsWith('out/renderer/') && f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const text = read(f);
      // The development JSX runtime and React's development-only checks.
      expect(text, f).not.toContain('jsxDEV');
      expect(text, f).not.toContain('unique "key" prop');
    }
  });

  it('the dashboard page loads only its own packaged assets', () => {
    const html = read('out/renderer/index.html');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^\.\//);
      expect(files).toContain(`out/renderer/${ref.slice(2)}`);
    }
  });

  it("the dashboard page carries the tray app's strict policy (the main process's header policy), not the browser build's", () => {
    const html = read('out/renderer/index.html');
    const policies = metaPolicies(html);
    expect(policies).toEqual([DASHBOARD_META_POLICY]);
    expect(policies[0]).not.toMatch(/\bwss?:/);
    const header = contentSecurityPolicy(resolveAppPages(join(outDir, 'main'), { isPackaged: true, env: {} }));
    for (const directive of policies[0]!.split('; ')) expect(header.split('; ')).toContain(directive);
    // Before anything the page loads: the policy applies to every script and style of the page.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script|<link/));
  });
});

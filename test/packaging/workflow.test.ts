/**
 * The CI workflow runs what package.json and the README promise: lint and every test on Node 22 with
 * Debian's Chromium, then `npm run dist` on Windows, macOS and Linux runners, installers uploaded,
 * and a release for tags v*.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const workflow = yaml.load(readFileSync(join(root, '.github/workflows/build.yml'), 'utf8')) as Record<string, any>;
const jobs = workflow.jobs as Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }[]; [k: string]: any }>;
const runs = (job: string) => jobs[job]!.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string');

describe('CI workflow', () => {
  it('triggers on pushes, pull requests and version tags', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.on).toHaveProperty('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('tests on Node 22 with Debian Chromium: npm ci, lint, typecheck, test', () => {
    const test = jobs.test!;
    expect(test.container).toBe('node:22-bookworm');
    expect(runs('test').some((r) => /apt-get install .*chromium/.test(r))).toBe(true);
    expect(runs('test').filter((r) => r.startsWith('npm '))).toEqual(['npm ci', 'npm run lint', 'npm run typecheck', 'npm test']);
  });

  it('builds installers on Windows, macOS and Linux with npm run dist after the tests', () => {
    const build = jobs.installers!;
    expect(build.needs).toBe('test');
    expect(build.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);
    expect(build['runs-on']).toBe('${{ matrix.os }}');
    expect(build.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with).toMatchObject({ 'node-version': 22 });
    expect(runs('installers')).toEqual(['npm ci', 'npm run dist']);
    const dist = build.steps.find((s) => s.run === 'npm run dist')!;
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(dist.env![name]).toBe(`\${{ secrets.${name} }}`);
    }
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    const paths = String(upload.with!.path);
    for (const ext of ['exe', 'dmg', 'zip', 'AppImage', 'deb', 'blockmap']) expect(paths).toContain(`*.${ext}`);
    expect(paths).toContain('latest*.yml');
  });

  it('releases the installers for tags only', () => {
    const release = jobs.release!;
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.needs).toBe('installers');
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(release.steps.some((s) => s.uses?.startsWith('softprops/action-gh-release@'))).toBe(true);
  });

  it('runs only scripts that exist, and the README documents the same commands', () => {
    const all = Object.values(jobs).flatMap((j) => j.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'));
    const scripts = all.flatMap((r) => [...r.matchAll(/npm (?:run ([\w:-]+)|(test))\b/g)].map((m) => m[1] ?? m[2]!));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(pkg.scripts, s).toHaveProperty(s);
    for (const s of ['npm run dist', 'npm run lint', 'npm test']) expect(readme).toContain(s);
  });
});

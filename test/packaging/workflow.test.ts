/**
 * The CI workflow runs what package.json and the README promise: lint and every test on Node 22 with
 * Debian's Chromium, then `npm run dist` on Windows, macOS and Linux runners, each with only its own
 * signing material, installers uploaded, and for tags v* matching package.json's version a release,
 * published once every installer is attached.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { signedBuild } from '../../electron.vite.config';

const root = resolve(import.meta.dirname, '../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const workflow = yaml.load(readFileSync(join(root, '.github/workflows/build.yml'), 'utf8')) as Record<string, any>;
type Step = { id?: string; name?: string; if?: string; run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> };
const jobs = workflow.jobs as Record<string, { steps: Step[]; [k: string]: any }>;
/** The `if:` of a step that runs on one OS of the matrix only. */
const onRunner = { macOS: "runner.os == 'macOS'", Windows: "runner.os == 'Windows'", Linux: "runner.os == 'Linux'" } as const;
/** The repository secrets a step reads (its env, its inputs, its script). */
const secretsOf = (step: Step) => [...JSON.stringify(step).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]!);
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
    expect(runs('installers').filter((r) => r.startsWith('npm '))).toEqual(['npm ci', 'npm run dist', 'npm run dist', 'npm run dist']);
    // exactly one build on each runner of the matrix
    const dist = build.steps.filter((s) => s.run === 'npm run dist').map((s) => s.if);
    expect(dist).toEqual([onRunner.macOS, onRunner.Windows, onRunner.Linux]);
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    const paths = String(upload.with!.path);
    for (const ext of ['exe', 'dmg', 'zip', 'AppImage', 'deb', 'blockmap']) expect(paths).toContain(`*.${ext}`);
    expect(paths).toContain('latest*.yml');
  });

  it('gives each runner only its own signing material', () => {
    const build = jobs.installers!;
    expect(build.env).toBeUndefined();
    // Apple's certificate and notarization credentials on macOS only, the Windows certificate on Windows only.
    for (const step of build.steps) {
      for (const secret of secretsOf(step)) {
        if (/^(CSC_|APPLE_)/.test(secret)) expect(step.if, `${secret} in "${step.name ?? step.run}"`).toBe(onRunner.macOS);
        if (secret.startsWith('WIN_CSC_')) expect(step.if, `${secret} in "${step.name ?? step.run}"`).toBe(onRunner.Windows);
      }
    }
    const dist = (os: keyof typeof onRunner) => build.steps.find((s) => s.run === 'npm run dist' && s.if === onRunner[os])!;
    expect(Object.keys(dist('macOS').env!).sort()).toEqual(['APPLE_API_ISSUER', 'APPLE_API_KEY_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK', 'GH_TOKEN']);
    expect(Object.keys(dist('Windows').env!).sort()).toEqual(['GH_TOKEN', 'WIN_CSC_KEY_PASSWORD', 'WIN_CSC_LINK']);
    expect(Object.keys(dist('Linux').env!)).toEqual(['GH_TOKEN']);
    for (const step of [dist('macOS'), dist('Windows')]) {
      for (const [name, value] of Object.entries(step.env!)) expect(value).toBe(name === 'GH_TOKEN' ? '${{ secrets.GITHUB_TOKEN }}' : `\${{ secrets.${name} }}`);
    }
    // Every notarization variable docs/install.md lists reaches the macOS build: APPLE_API_KEY as the path of the key file.
    const docs = readFileSync(join(root, 'docs/install.md'), 'utf8');
    const documented = [...new Set([...docs.matchAll(/`((?:WIN_)?CSC_\w+|APPLE_\w+)`/g)].map((m) => m[1]!))].sort();
    expect(documented).toEqual(['APPLE_API_ISSUER', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'WIN_CSC_LINK']);
    const keyFile = build.steps.find((s) => s.env?.APPLE_API_KEY_P8)!;
    expect(keyFile).toMatchObject({ if: onRunner.macOS, env: { APPLE_API_KEY_P8: '${{ secrets.APPLE_API_KEY }}' } });
    expect(build.steps.indexOf(keyFile)).toBeLessThan(build.steps.indexOf(dist('macOS')));
    expect(keyFile.run).toContain('echo "APPLE_API_KEY=$key" >> "$GITHUB_ENV"');
    for (const name of documented.filter((n) => !n.startsWith('WIN_') && n !== 'APPLE_API_KEY')) expect(dist('macOS').env, name).toHaveProperty(name);
    for (const name of documented.filter((n) => n.startsWith('WIN_'))) expect(dist('Windows').env, name).toHaveProperty(name);
  });

  it('an unsigned Windows build stays unsigned (automatic updates off) whatever Apple secrets are configured', () => {
    // Secrets not configured expand to "" in GitHub Actions.
    const envOn = (os: keyof typeof onRunner, configured: string[]) => {
      const step = jobs.installers!.steps.find((s) => s.run === 'npm run dist' && s.if === onRunner[os])!;
      return Object.fromEntries(Object.entries(step.env!).map(([k, v]) => [k, v.replace(/\$\{\{ secrets\.(\w+) \}\}/, (_m, name: string) => (configured.includes(name) ? `<${name}>` : ''))]));
    };
    const apple = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
    expect(signedBuild(envOn('Windows', apple), 'win32')).toBe(false);
    expect(signedBuild(envOn('Windows', [...apple, 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD']), 'win32')).toBe(true);
    expect(signedBuild(envOn('macOS', apple), 'darwin')).toBe(true);
    expect(signedBuild(envOn('macOS', ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD']), 'darwin')).toBe(false);
    expect(signedBuild(envOn('Linux', [...apple, 'WIN_CSC_LINK']), 'linux')).toBe(false);
  });

  it('releases the installers for tags only, under the version package.json gives them', () => {
    const release = jobs.release!;
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.needs).toBe('installers');
    expect(release.permissions).toEqual({ contents: 'write' });
    const check = release.steps.findIndex((s) => s.run?.includes('package.json'));
    const upload = release.steps.findIndex((s) => s.uses?.startsWith('softprops/action-gh-release@'));
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(upload);
    expect(release.steps.slice(0, check).some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
    // The tag comes in through the environment, never pasted into the script.
    expect(release.steps[check]!.env).toEqual({ TAG: '${{ github.ref_name }}' });
    expect(release.steps[check]!.run).not.toContain('${{');
    const runCheck = (tag: string, version: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'cctm-tag-'));
      try {
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version }));
        return spawnSync('bash', ['-e', '-c', release.steps[check]!.run!], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, TAG: tag },
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(runCheck('v1.2.3', '1.2.3').status).toBe(0);
    const wrong = runCheck('v1.2.4', '1.2.3');
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/::error::tag v1\.2\.4 does not match package\.json's version 1\.2\.3/);
    expect(runCheck('1.2.3', '1.2.3').status).toBe(1);
  });

  it('creates the release as a draft and publishes it only after every installer is attached', () => {
    const steps = jobs.release!.steps;
    const at = steps.findIndex((s) => s.uses?.startsWith('softprops/action-gh-release@'));
    const gh = steps[at]!;
    expect(gh.with).toMatchObject({ files: 'installers/**/*', fail_on_unmatched_files: true, draft: true });
    expect(gh.id).toBe('release');
    // The next and last step publishes that very release (a failed upload stops the job before it).
    expect(steps.length).toBe(at + 2);
    const publish = steps[at + 1]!;
    expect(publish.if).toBeUndefined();
    expect(publish.env).toMatchObject({ RELEASE_ID: '${{ steps.release.outputs.id }}', GH_TOKEN: '${{ github.token }}' });
    expect(publish.run).toBe('gh api --method PATCH "repos/$GITHUB_REPOSITORY/releases/$RELEASE_ID" -F draft=false');
  });

  it('runs only scripts that exist, and the README documents the same commands', () => {
    const all = Object.values(jobs).flatMap((j) => j.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'));
    const scripts = all.flatMap((r) => [...r.matchAll(/npm (?:run ([\w:-]+)|(test))\b/g)].map((m) => m[1] ?? m[2]!));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(pkg.scripts, s).toHaveProperty(s);
    for (const s of ['npm run dist', 'npm run lint', 'npm test']) expect(readme).toContain(s);
  });
});

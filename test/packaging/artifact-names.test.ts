/**
 * The installers' file names, as electron-builder will compute them from electron-builder.yml (its own
 * macro expander and arch names), against what the workflow uploads and what latest*.yml will say.
 *
 * electron-updater downloads the file latest*.yml names from the release. When an artifact's name is
 * not GitHub-safe, electron-builder writes a "safe" variant into latest*.yml (spaces → dashes) while
 * the workflow uploads the file under its own name, which GitHub changes (spaces → dots): the feed
 * then points at a file the release does not have (macOS updates failed with 404 that way). So every
 * name must be safe as it is, and uploaded as it is.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, opts?: { dot: boolean }): boolean };
const { Arch, getArtifactArchName } = require('builder-util') as { Arch: Record<string, number>; getArtifactArchName(arch: number, ext: string): string };
// app-builder-lib's modules import each other in a cycle that only resolves when entered at its index.
require('app-builder-lib');
const { computeSafeArtifactNameIfNeeded } = require('app-builder-lib/out/platformPackager.js') as {
  computeSafeArtifactNameIfNeeded(name: string, safeName: () => string): string | null;
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander.js') as {
  expandMacro(pattern: string, arch: string | null, appInfo: object, extra: Record<string, string>): string;
};

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; productName: string };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const workflow = yaml.load(readFileSync(join(root, '.github/workflows/build.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };

/** Each target: the option section electron-builder reads its artifactName from, and its extension. */
const TARGETS: Record<string, { options: string; ext: string; updateFeed: string | null; blockmap: boolean }> = {
  dmg: { options: 'dmg', ext: 'dmg', updateFeed: 'latest-mac.yml', blockmap: true },
  zip: { options: 'zip', ext: 'zip', updateFeed: 'latest-mac.yml', blockmap: true },
  nsis: { options: 'nsis', ext: 'exe', updateFeed: 'latest.yml', blockmap: true },
  AppImage: { options: 'appImage', ext: 'AppImage', updateFeed: 'latest-linux.yml', blockmap: false },
  deb: { options: 'deb', ext: 'deb', updateFeed: null, blockmap: false },
};

interface Artifact {
  platform: string;
  target: string;
  file: string;
  updateFeed: string | null;
}

/**
 * The files `npm run dist` writes for every platform's targets: the pattern is the target's own
 * artifactName, else the platform's, else the top-level one (PlatformPackager.artifactPatternConfig);
 * a configured pattern keeps the arch even for the default arch.
 */
function artifacts(): Artifact[] {
  const appInfo = { name: pkg.name, version: pkg.version, productName: pkg.productName, sanitizedProductName: pkg.productName };
  return ['mac', 'win', 'linux'].flatMap((platform) =>
    (config[platform].target as { target: string; arch: string[] }[]).flatMap(({ target, arch }) => {
      const t = TARGETS[target];
      if (!t) throw new Error(`no naming rule in this test for target ${target}`);
      const pattern = config[t.options]?.artifactName ?? config[platform].artifactName ?? config.artifactName;
      if (!pattern) throw new Error(`${platform} ${target} has no artifactName: electron-builder's default names it after the product name (with spaces)`);
      return arch.map((a) => ({
        platform,
        target,
        file: expandMacro(pattern, getArtifactArchName(Arch[a]!, t.ext), appInfo, { ext: t.ext, os: platform }),
        updateFeed: t.updateFeed,
      }));
    }),
  );
}

const uploadStep = () => workflow.jobs.installers!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
const uploadPatterns = () => String(uploadStep().with!.path).split('\n').map((l) => l.trim()).filter(Boolean);

describe('installer file names', () => {
  it('are the documented ones, named after the package (no spaces) with the arch where a platform builds two', () => {
    expect(artifacts().map((a) => a.file)).toEqual([
      `cc-tray-monitor-${pkg.version}-x64.dmg`,
      `cc-tray-monitor-${pkg.version}-arm64.dmg`,
      `cc-tray-monitor-${pkg.version}-x64.zip`,
      `cc-tray-monitor-${pkg.version}-arm64.zip`,
      `cc-tray-monitor-${pkg.version}-setup.exe`,
      `cc-tray-monitor-${pkg.version}-x86_64.AppImage`,
      `cc-tray-monitor_${pkg.version}_amd64.deb`,
    ]);
    const docs = readFileSync(join(root, 'docs/install.md'), 'utf8');
    for (const a of artifacts()) expect(docs, a.file).toContain(a.file.replace(pkg.version, '<version>'));
  });

  it('are GitHub-safe as they are, so latest*.yml names the very file that is uploaded', () => {
    for (const { file } of artifacts()) {
      expect(file, file).not.toMatch(/\s/);
      expect(file, file).toMatch(/^[0-9A-Za-z._-]+$/);
      // null: electron-builder writes no "safe" variant into latest*.yml, but the file's own name.
      expect(computeSafeArtifactNameIfNeeded(file, () => 'a-safe-variant'), file).toBeNull();
    }
    // What the product name alone would give (the old default for the macOS zip): a feed URL that 404s.
    expect(computeSafeArtifactNameIfNeeded(`${pkg.productName}-${pkg.version}-mac.zip`, () => 'x')).toBe(`${pkg.productName.replace(/ /g, '-')}-${pkg.version}-mac.zip`);
  });

  it('every file the update feeds name, their blockmaps and the feeds themselves are uploaded, then released', () => {
    const dir = (config.directories.output as string).replace('${version}', pkg.version);
    expect(dir).toBe(`release/${pkg.version}`);
    const patterns = uploadPatterns();
    const uploaded = (file: string) => patterns.some((p) => minimatch(`${dir}/${file}`, p));
    const feeds = new Set<string>();
    for (const a of artifacts()) {
      expect(uploaded(a.file), a.file).toBe(true);
      if (TARGETS[a.target]!.blockmap) expect(uploaded(`${a.file}.blockmap`), `${a.file}.blockmap`).toBe(true);
      if (a.updateFeed) feeds.add(a.updateFeed);
    }
    expect([...feeds].sort()).toEqual(['latest-linux.yml', 'latest-mac.yml', 'latest.yml']);
    for (const feed of feeds) expect(uploaded(feed), feed).toBe(true);
    // The release job downloads every runner's artifact into one folder and attaches all of it.
    const download = workflow.jobs.release!.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'installers-*', path: 'installers', 'merge-multiple': true });
    const release = workflow.jobs.release!.steps.find((s) => s.uses?.startsWith('softprops/action-gh-release@'))!;
    for (const a of artifacts()) expect(minimatch(`installers/${a.file}`, String(release.with!.files)), a.file).toBe(true);
  });

  it('no two targets write the same file', () => {
    const files = artifacts().map((a) => a.file);
    expect(new Set(files).size).toBe(files.length);
  });
});

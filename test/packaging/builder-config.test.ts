/**
 * The electron-builder configuration (installers can only be built on CI runners): valid against
 * electron-builder's own schema, the targets of every platform, what goes into the package, the fuse
 * hook, and no signing material in the file.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
// app-builder-lib's modules import each other in a cycle that only resolves when entered at its index.
require('app-builder-lib');
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as {
  getFileMatchers(config: object, name: string, dest: string, opts: object): { createFilter(): (file: string, stat: import('node:fs').Stats) => boolean }[] | null;
};
const yaml = require('js-yaml') as { load(text: string): unknown };
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(text) as Record<string, any>;

const targets = (platform: Record<string, any>) => (platform.target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join('+')}`);

describe('electron-builder configuration', () => {
  it('is valid for electron-builder and is the configuration it loads', async () => {
    const loaded = await getConfig(root, null, null);
    await expect(validateConfiguration(loaded, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    expect(loaded.appId).toBe(config.appId);
  });

  it('names the app like package.json', () => {
    expect(config.appId).toBe('com.cctraymonitor.app');
    expect(config.productName).toBe(pkg.productName);
    expect(pkg.main).toBe('./out/main/index.js');
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder --publish never');
  });

  it('builds NSIS for Windows, dmg and zip with a hardened runtime for macOS, AppImage and deb for Linux', () => {
    expect(targets(config.win)).toEqual(['nsis:x64']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(targets(config.mac)).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', extendInfo: { LSUIElement: true } });
    const entitlements = readFileSync(join(root, config.mac.entitlements), 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(targets(config.linux)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config.linux.category).toBe('Network');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+\.[a-z]+>$/);
  });

  it('has icons for every platform and the tray icons main loads', () => {
    for (const platform of ['mac', 'win', 'linux']) {
      const icon = join(root, config[platform].icon);
      expect(existsSync(icon), icon).toBe(true);
      const png = readFileSync(icon);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
    expect(config.extraResources).toEqual([
      { from: 'resources/tray', to: 'tray', filter: ['*.png'] },
      { from: 'resources/icon.png', to: 'icon.png' },
    ]);
    for (const level of ['ok', 'warning', 'critical', 'stale']) expect(existsSync(join(root, 'resources/tray', `${level}.png`)), level).toBe(true);
  });

  it('packs only the bundles and package.json into an asar archive', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map', '!**/*.{test,spec}.*', '!**/.env', '!**/.env.*', '!**/*.md']);
  });

  it("unpacks the notification fallback's helper programs next to the asar archive (nothing runs from inside it)", () => {
    expect(config.asarUnpack).toEqual(['node_modules/node-notifier/vendor/**']);
    expect(pkg.dependencies['node-notifier']).toBeDefined();
    // electron-builder's own matcher, as it decides per file while packing.
    const unpacked = getFileMatchers(config, 'asarUnpack', '/packaged', { macroExpander: (s: string) => s, customBuildOptions: {}, globalOutDir: join(root, 'release'), defaultSrc: root })![0]!.createFilter();
    const isUnpacked = (rel: string) => unpacked(join(root, rel), statSync(join(root, rel)));
    const walk = (rel: string): string[] => (statSync(join(root, rel)).isDirectory() ? readdirSync(join(root, rel)).flatMap((n) => walk(`${rel}/${n}`)) : [rel]);
    const vendor = walk('node_modules/node-notifier/vendor');
    // The programs node-notifier runs (notifiers/notificationcenter.js, toaster.js, balloon.js), the whole macOS app bundle with them.
    for (const program of ['mac.noindex/terminal-notifier.app/Contents/MacOS/terminal-notifier', 'mac.noindex/terminal-notifier.app/Contents/Info.plist', 'snoreToast/snoretoast-x64.exe', 'notifu/notifu64.exe']) {
      expect(vendor).toContain(`node_modules/node-notifier/vendor/${program}`);
    }
    for (const file of vendor) expect(isUnpacked(file), file).toBe(true);
    // Its JavaScript stays in the archive.
    expect(isUnpacked('node_modules/node-notifier/index.js')).toBe(false);
    expect(isUnpacked('package.json')).toBe(false);
  });

  it('flips the fuses after packing', async () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    const hook = await import(pathToFileURL(join(root, config.afterPack)).href);
    expect(typeof hook.default).toBe('function');
    expect(hook.FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
    });
  });

  it('publishes to GitHub releases for electron-updater', () => {
    expect(config.publish).toMatchObject({ provider: 'github', owner: 'cc-tray-monitor', repo: 'cc-tray-monitor' });
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });

  it('holds no signing material: certificates and Apple credentials come from the environment', () => {
    const forbidden = ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSubjectName', 'identity', 'appleId', 'appleIdPassword', 'teamId', 'keychain'];
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      }
    };
    walk(config);
    for (const key of forbidden) expect(keys.has(key), key).toBe(false);
    expect(text).not.toMatch(/-----BEGIN|\.p12|\.pfx|password:\s*\S/i);
  });
});

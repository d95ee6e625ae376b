/**
 * The afterPack hook against a synthetic Electron binary carrying a fuse wire in Electron's format
 * (sentinel, version, length, one byte per fuse): the fuses end up as configured, others untouched.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../main/helpers';

const hook = await import(pathToFileURL(resolve(import.meta.dirname, '../../build/after-pack.mjs')).href);

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
// only-asar off, browser V8 snapshot off, file:// privileges on, wasm trap handlers on.
const DEFAULT_WIRE = '101100011';

function fakeElectron(path: string): void {
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.alloc(4096, 9)]));
}

const wireOf = (path: string) => {
  const buf = readFileSync(path);
  const at = buf.indexOf(SENTINEL) + SENTINEL.length + 2;
  return buf.subarray(at, at + DEFAULT_WIRE.length).toString('latin1');
};

describe('fuses hook', () => {
  it('flips the six fuses in a Linux build and leaves the rest as Electron ships them', async () => {
    const dir = tempDir();
    const binary = join(dir, 'cc-tray-monitor');
    fakeElectron(binary);
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'cc-tray-monitor', appInfo: { productFilename: 'CC Tray Monitor' } } };
    expect(hook.electronBinaryPath(context)).toBe(binary);
    await hook.default(context);
    expect(wireOf(binary)).toBe('010011011');
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(48); // '0'
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(49); // the dashboard is loaded from file://
  });

  it('finds the binary on Windows and inside the macOS bundle', async () => {
    const dir = tempDir();
    const exe = join(dir, 'CC Tray Monitor.exe');
    fakeElectron(exe);
    await hook.default({ appOutDir: dir, electronPlatformName: 'win32', arch: 1, packager: { executableName: 'cc-tray-monitor', appInfo: { productFilename: 'CC Tray Monitor' } } });
    expect(wireOf(exe)).toBe('010011011');
    const mac = { appOutDir: dir, electronPlatformName: 'darwin', packager: { executableName: 'x', appInfo: { productFilename: 'CC Tray Monitor' } } };
    expect(hook.electronBinaryPath(mac)).toBe(join(dir, 'CC Tray Monitor.app'));
    expect(hook.fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig('win32').resetAdHocDarwinSignature).toBe(false);
    mkdirSync(join(dir, 'none'));
    await expect(hook.default({ appOutDir: join(dir, 'none'), electronPlatformName: 'linux', packager: { executableName: 'missing', appInfo: { productFilename: 'x' } } })).rejects.toThrow();
  });
});

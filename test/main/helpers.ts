/** Helpers shared by the tray app's tests: temporary folders, a file-backed store, a test cipher. */
import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SecretCipher } from '../../src/core/settings/sealing';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'cctm-main-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/**
 * electron-store is a thin layer over `conf` that asks Electron for the user-data folder; tests use
 * `conf` itself with the same options, writing a real JSON file.
 */
export class FileStore extends Conf<Record<string, unknown>> {
  constructor(options: { cwd: string; name?: string; accessPropertiesByDotNotation?: boolean; configFileMode?: number; clearInvalidConfig?: boolean }) {
    super({ ...options, configName: options.name ?? 'settings', projectName: 'cctm-test', accessPropertiesByDotNotation: options.accessPropertiesByDotNotation ?? false });
  }
}

/** A reversible cipher for core tests (no Electron): records what it encrypted. */
export function testCipher(storage: 'os' | 'basic_text' = 'os'): SecretCipher & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    storage: () => storage,
    encrypt: async (plain) => {
      seen.push(plain);
      return Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x33)).toString('base64');
    },
    decrypt: async (sealed) => ({ value: Buffer.from([...Buffer.from(sealed, 'base64')].map((b) => b ^ 0x33)).toString('utf8'), reseal: false }),
  };
}

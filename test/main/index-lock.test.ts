/** The composition root when another instance already runs: it quits before doing anything. */
import { expect, it, vi } from 'vitest';
import { existsSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeBrowserWindow, FakeTray, fake, resetElectron } from '../fakes/electron';
import { tempDir } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./helpers')).FileStore }));

it('quits at once when another instance holds the lock', async () => {
  resetElectron();
  const dir = tempDir('cctm-index-');
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  fake.app.requestSingleInstanceLock.mockReturnValue(false);
  // The running instance's log, over the size at which opening the log starts a new file.
  mkdirSync(join(dir, 'logs'));
  const running = 'x'.repeat(5 * 1024 * 1024 + 1);
  writeFileSync(join(dir, 'logs', 'main.log'), running);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../src/main/index');
  await new Promise((r) => setTimeout(r, 20));
  stderr.mockRestore();
  expect(fake.app.quit).toHaveBeenCalled();
  expect(fake.app.whenReady).not.toHaveBeenCalled();
  expect(fake.app.listenerCount('second-instance')).toBe(0);
  expect(FakeTray.instances).toHaveLength(0);
  expect(FakeBrowserWindow.instances).toHaveLength(0);
  // No logger was opened: the running instance's log is neither rotated nor written to.
  expect(fake.app.getPath).not.toHaveBeenCalledWith('logs');
  expect(existsSync(join(dir, 'logs', 'main.old.log'))).toBe(false);
  expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).toBe(running);
});

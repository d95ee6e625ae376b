/**
 * The composition root when starting fails after the lock is held: the error is logged, told in a
 * dialog in the system's language with where the log is, and the app quits (each index test file
 * imports the module once).
 */
import { expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronState, fake, resetElectron } from '../fakes/electron';
import { tempDir } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);
vi.mock('electron-store', async () => ({ default: (await import('./helpers')).FileStore }));

it('shows why it could not start, in the system language, logs it and quits', async () => {
  resetElectron();
  const dir = tempDir('cctm-index-');
  fake.app.getPath.mockImplementation((name: string) => join(dir, name));
  electronState().locale = 'fr-FR';
  // The session cannot be hardened: nothing may be shown without it.
  fake.session.defaultSession.setPermissionRequestHandler.mockImplementation(() => {
    throw new Error('session unavailable (token=abcdef123456)');
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../src/main/index');
  await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), { timeout: 3000, interval: 10 });
  stderr.mockRestore();

  expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
  const [title, body] = fake.dialog.showErrorBox.mock.calls[0]!;
  expect(title).toBe('CC Tray Monitor n’a pas pu démarrer');
  expect(body).toContain('session unavailable');
  expect(body).toContain(`Le journal donne les détails\u202f: ${join(dir, 'logs', 'main.log')}`);
  // What looks like a credential is masked on screen as in the log.
  expect(body).not.toContain('abcdef123456');
  const logFile = join(dir, 'logs', 'main.log');
  await vi.waitFor(() => expect(existsSync(logFile) && readFileSync(logFile, 'utf8')).toMatch(/the tray app could not start.*session unavailable/s), { timeout: 3000, interval: 10 });
  expect(readFileSync(logFile, 'utf8')).not.toContain('abcdef123456');
});

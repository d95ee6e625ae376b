/**
 * The one door to the OS browser. Only https:// links without credentials are opened; everything
 * else (file:, javascript:, custom protocols that launch programs, user:pass@host) is refused and logged.
 */
import { shell } from 'electron';
import type { Logger } from '../core/util/logger';

const MAX_URL = 2048;

/** Whether a URL may be handed to the OS browser. */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  if (!url.hostname) return false;
  return !/[\s<>"]/.test(raw);
}

/** Opens a safe URL in the OS browser; returns whether it did. Never throws. */
export async function openExternal(raw: unknown, log?: Logger): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) {
    log?.warn(`refused to open a link outside the app: ${describe(raw)}`);
    return false;
  }
  try {
    await shell.openExternal(raw, { activate: true });
    return true;
  } catch (e) {
    log?.warn('the OS browser could not open the link', e);
    return false;
  }
}

/** A short description of a refused URL for the log (scheme and host, never credentials or the path). */
function describe(raw: unknown): string {
  if (typeof raw !== 'string') return typeof raw;
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.hostname}${url.username || url.password ? ' (with credentials)' : ''}`;
  } catch {
    return 'an invalid URL';
  }
}

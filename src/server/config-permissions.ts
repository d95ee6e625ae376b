/**
 * A config file holding literal secrets must not be readable by other users (POSIX modes).
 */
import { statSync } from 'node:fs';
import type { Settings } from '../shared/settings';
import { hasLiteralSecrets } from './config';

export function checkConfigFile(path: string, settings: Settings, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32' || !hasLiteralSecrets(settings)) return null;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  return `${path}: holds secrets but is readable by other users (mode ${mode.toString(8).padStart(3, '0')}); run \`chmod 600 ${path}\` or replace the secrets with "env:NAME" references`;
}

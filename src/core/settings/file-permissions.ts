/**
 * The collector reads secrets from its config file; on POSIX systems a file holding literal secrets
 * (anything but `env:NAME`) must not be readable by the group or by others.
 */
import { statSync } from 'node:fs';
import type { SourceConfig } from '../../shared/sources';
import { isEnvReference, literalSecrets } from './secret-fields';

/**
 * Returns a message refusing the file when it holds literal secrets and is group/world-readable,
 * or null when it is fine (always null on Windows, where POSIX modes do not apply).
 */
export function checkConfigFilePermissions(path: string, hasLiteralSecrets: boolean, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32' || !hasLiteralSecrets) return null;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return `${path}: cannot read its permissions (${code}): check that the file exists.`;
  }
  const exposed = mode & 0o077;
  if (exposed === 0) return null;
  const who = [mode & 0o070 ? 'its group' : null, mode & 0o007 ? 'other users' : null].filter(Boolean).join(' and ');
  return `${path} holds secrets but is accessible to ${who} (mode ${(mode & 0o777).toString(8).padStart(3, '0')}): run "chmod 600 ${path}", or give the secrets as "env:NAME" references.`;
}

/** Whether any source of a config holds a literal secret (as the collector's loader asks). */
export function configHasLiteralSecrets(sources: readonly SourceConfig[], serverAccessToken?: string): boolean {
  if (serverAccessToken && !isEnvReference(serverAccessToken)) return true;
  return sources.some((s) => literalSecrets(s).length > 0);
}

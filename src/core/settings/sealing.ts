/**
 * Sealing of source secrets for the tray app's store. The settings document never holds a secret:
 * each literal secret is encrypted by an injected cipher (Electron safeStorage in the tray app, a
 * fake in tests) and kept in a separate vault, and the document holds a marker `safe:{id}/{path}`.
 * `env:NAME` references stay as they are and are read from the environment when resolved.
 */
import type { SourceConfig } from '../../shared/sources';
import { isEnvReference, isSecretReference, readSecret, SECRET_KEYS, secretPaths, writeSecret } from './secret-fields';

export interface SecretCipher {
  /** "os" when the OS keyring protects the key; "basic_text" when the key is a fixed one (Linux without a keyring). */
  storage(): 'os' | 'basic_text';
  /** Encrypts to base64. */
  encrypt(plain: string): Promise<string>;
  /** Decrypts base64; `reseal` asks for re-encryption (the OS rotated the key). */
  decrypt(sealed: string): Promise<{ value: string; reseal: boolean }>;
}

/** Encrypted secrets by reference (base64). Stored under its own key, next to the document. */
export type SecretVault = Record<string, string>;

export const SEALED_PREFIX = 'safe:';

export const vaultRef = (sourceId: string, path: string): string => `${sourceId}/${path}`;

/** A marker pointing at this field's own vault entry (whether or not the entry survived). */
const isOwnMarker = (value: string, ref: string): boolean => value === `${SEALED_PREFIX}${ref}`;

/** The plain secret values of a config: neither `env:` references nor markers of sealed secrets. */
export function plainSecrets(config: SourceConfig): string[] {
  return secretPaths(config).flatMap((path) => {
    const value = readSecret(config, path);
    if (value === undefined || value === '' || isEnvReference(value) || isOwnMarker(value, vaultRef(config.id, path))) return [];
    return [value];
  });
}

/**
 * Seals every plain secret of a config; returns the config with markers and all its vault entries
 * (markers already in the config keep their ciphertext from `existing`).
 */
export async function sealSource(
  config: SourceConfig,
  cipher: SecretCipher,
  existing: SecretVault = {},
): Promise<{ config: SourceConfig; entries: SecretVault }> {
  let sealed = config;
  const entries: SecretVault = {};
  for (const path of secretPaths(config)) {
    const value = readSecret(config, path);
    if (value === undefined || value === '' || isEnvReference(value)) continue;
    const ref = vaultRef(config.id, path);
    if (isOwnMarker(value, ref)) {
      // already sealed: keep its ciphertext (a lost entry stays lost; resolving reports it)
      if (existing[ref] !== undefined) entries[ref] = existing[ref];
      continue;
    }
    entries[ref] = await cipher.encrypt(value);
    sealed = writeSecret(sealed, path, `${SEALED_PREFIX}${ref}`);
  }
  return { config: sealed, entries };
}

export interface Unsealed {
  config: SourceConfig;
  /** Secrets that could not be resolved, one sentence each naming the source and what to do. */
  problems: string[];
  /** Vault references whose ciphertext should be rewritten (key rotation). */
  reseal: { ref: string; value: string }[];
}

/** Resolves markers and `env:` references of a stored config to their values. */
export async function unsealSource(
  config: SourceConfig,
  vault: SecretVault,
  cipher: SecretCipher,
  env: Record<string, string | undefined>,
): Promise<Unsealed> {
  let out = config;
  const problems: string[] = [];
  const reseal: Unsealed['reseal'] = [];
  for (const path of secretPaths(config)) {
    const value = readSecret(config, path);
    if (value === undefined) continue;
    if (isEnvReference(value)) {
      const name = value.slice(4);
      const resolved = env[name];
      if (!resolved) problems.push(`Source "${config.id}": environment variable ${name} (its ${path}) is not set: set it and restart, or enter the value in the Sources view.`);
      out = writeSecret(out, path, resolved ?? '');
      continue;
    }
    const ref = vaultRef(config.id, path);
    if (value !== `${SEALED_PREFIX}${ref}`) continue; // a literal value (never stored by the tray app)
    const sealed = vault[ref];
    if (sealed === undefined) {
      problems.push(`Source "${config.id}": its stored ${path} is missing: enter it again in the Sources view.`);
      out = writeSecret(out, path, '');
      continue;
    }
    try {
      const { value: plain, reseal: stale } = await cipher.decrypt(sealed);
      out = writeSecret(out, path, plain);
      if (stale) reseal.push({ ref, value: plain });
    } catch {
      problems.push(`Source "${config.id}": its stored ${path} could not be decrypted (the OS keyring changed?): enter it again in the Sources view.`);
      out = writeSecret(out, path, '');
    }
  }
  return { config: out, problems, reseal };
}

/** The vault without the entries of one source. */
export function withoutSource(vault: SecretVault, sourceId: string): SecretVault {
  const prefix = `${sourceId}/`;
  return Object.fromEntries(Object.entries(vault).filter(([ref]) => !ref.startsWith(prefix)));
}

/**
 * Vault references of the settings backup's secrets. A source id never contains ":", so no source's
 * references start with this, and removing or renaming a source never drops a backup's secrets.
 */
export const BACKUP_REF_PREFIX = 'backup:';

/**
 * A document kept as a backup (one the app could not read whole) with every literal secret sealed:
 * wherever the document has it (its shape may be a newer version's), a string under a secret's name
 * becomes a marker `safe:backup:{path}` and its ciphertext a vault entry. References (`env:`, markers)
 * and empty values stay as they are.
 */
export async function sealBackup(raw: unknown, cipher: SecretCipher): Promise<{ backup: unknown; entries: SecretVault; sealed: string[] }> {
  const entries: SecretVault = {};
  const sealed: string[] = [];
  const walk = async (value: unknown, path: string[]): Promise<unknown> => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, item] of value.entries()) out.push(await walk(item, [...path, String(i)]));
      return out;
    }
    if (!value || typeof value !== 'object') return value;
    // Pairs, then Object.fromEntries: a "__proto__" key read from JSON stays a key of the copy.
    const out: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEYS.has(key) && typeof item === 'string' && item !== '' && !isSecretReference(item)) {
        const ref = `${BACKUP_REF_PREFIX}${[...path, key].join('.')}`;
        entries[ref] = await cipher.encrypt(item);
        sealed.push(item);
        out.push([key, `${SEALED_PREFIX}${ref}`]);
      } else {
        out.push([key, await walk(item, [...path, key])]);
      }
    }
    return Object.fromEntries(out);
  };
  return { backup: await walk(raw, []), entries, sealed };
}

/** The vault without the settings backup's entries (a new backup replaces the previous one). */
export function withoutBackup(vault: SecretVault): SecretVault {
  return Object.fromEntries(Object.entries(vault).filter(([ref]) => !ref.startsWith(BACKUP_REF_PREFIX)));
}

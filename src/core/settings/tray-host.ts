/**
 * The tray app's SettingsHost: the settings document and a vault of sealed secrets in a key-value
 * store (electron-store in the app, written only by the main process), secrets sealed by an injected
 * cipher (Electron safeStorage). Everything here is plain Node so it is tested without Electron.
 */
import { BridgeError } from '../../shared/bridge';
import { SettingsSchema, type Settings } from '../../shared/settings';
import type { SourceConfig } from '../../shared/sources';
import type { SettingsHost } from './host';
import type { Logger } from '../util/logger';
import { registerSecret } from '../util/redact';
import { migrateRaw, documentVersion } from './migrations';
import { validateSettings } from './validate';
import { plainSecrets, sealBackup, sealSource, unsealSource, withoutBackup, withoutSource, type SecretCipher, type SecretVault } from './sealing';
import { isEnvReference, readSecret, secretPaths, writeSecret } from './secret-fields';

/** The subset of electron-store the host uses (keys without dots: electron-store reads dots as paths). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export const DOCUMENT_KEY = 'settings';
export const VAULT_KEY = 'secrets';
/**
 * Where an unreadable or partly invalid document is kept, so nothing is lost for good; its credentials
 * sealed like every other (vault entries `backup:…`), never left in the file as they were found.
 */
export const BACKUP_KEY = 'settingsBackup';

export interface TraySettingsHostOptions {
  store: KeyValueStore;
  cipher: SecretCipher;
  /** What happened to the settings before they were read (a file kept aside), said with the rest. */
  startProblems?: string[];
  env?: Record<string, string | undefined>;
  log?: Logger;
}

export class TraySettingsHost implements SettingsHost {
  readonly kind = 'tray' as const;
  readonly editable = true;
  /** What loading left out or reset (logged). */
  readonly problems: string[] = [];
  private settings: Settings;
  private vault: SecretVault;
  private writes: Promise<unknown> = Promise.resolve();

  /** The document is not in the current format: written back by open(). */
  private readonly migrated: boolean;

  /** `raw`: the document as found in the store. */
  private constructor(
    private readonly opts: TraySettingsHostOptions,
    raw: unknown,
  ) {
    const { store } = opts;
    let settings: Settings;
    try {
      const { settings: valid, problems } = validateSettings(migrateRaw(raw));
      settings = valid;
      this.problems.push(...problems);
    } catch (e) {
      settings = SettingsSchema.parse({});
      this.problems.push(`${e instanceof Error ? e.message : String(e)} Starting with default settings.`);
    }
    this.settings = settings;
    const vault = store.get(VAULT_KEY);
    this.vault = vault && typeof vault === 'object' && !Array.isArray(vault)
      ? Object.fromEntries(Object.entries(vault).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
    for (const p of this.problems) opts.log?.warn(`settings: ${p}`);
    this.migrated = raw !== undefined && raw !== null && typeof raw === 'object' && documentVersion(raw as Record<string, unknown>) !== settings.version;
  }

  /**
   * Loads the store: keeps a document it could not read whole as the backup, writes back a migrated or
   * repaired one, and seals any literal secret a document holds (written by hand or an older version).
   */
  static async open(opts: TraySettingsHostOptions): Promise<TraySettingsHost> {
    const raw = opts.store.get(DOCUMENT_KEY);
    const host = new TraySettingsHost(opts, raw);
    // The backup before the document is replaced, so the original is never lost in between.
    if (host.problems.length) await host.keepBackup(raw);
    if (host.migrated || host.problems.length) host.persist();
    const plain = host.settings.sources.filter((s) => plainSecrets(s).length > 0);
    for (const source of plain) await host.saveSource(source, source.id, { allowPlaintextSecrets: true });
    return host;
  }

  /**
   * What the lead should know about the settings since the app started: a file kept aside, a source
   * or a section that could not be read and was left out or reset (in English, as logged).
   */
  notes(): string[] {
    return [...(this.opts.startProblems ?? []), ...this.problems];
  }

  secretStorage(): 'os' | 'basic_text' {
    return this.opts.cipher.storage();
  }

  get(): Settings {
    return this.settings;
  }

  async resolve(config: SourceConfig): Promise<SourceConfig> {
    const { config: resolved, problems, reseal } = await unsealSource(config, this.vault, this.opts.cipher, this.opts.env ?? process.env);
    for (const p of problems) this.opts.log?.warn(p);
    for (const path of secretPaths(resolved)) registerSecret(readSecret(resolved, path));
    if (reseal.length) {
      await this.serial(async () => {
        for (const { ref, value } of reseal) this.vault = { ...this.vault, [ref]: await this.opts.cipher.encrypt(value) };
        this.persist();
      });
    }
    return resolved;
  }

  async saveSource(config: SourceConfig, previousId: string | undefined, opts: { allowPlaintextSecrets?: boolean }): Promise<void> {
    const plain = plainSecrets(config);
    plain.forEach(registerSecret);
    if (plain.length && this.secretStorage() === 'basic_text' && !opts.allowPlaintextSecrets) {
      throw new BridgeError(
        'needs_confirmation',
        `No OS keyring is available, so the credentials of source "${config.id}" would be stored encrypted with a fixed key that anyone who can read your files can undo. Store them anyway?`,
      );
    }
    await this.serial(async () => {
      const { config: sealed, entries } = await sealSource(this.keepEnvReferences(config, previousId), this.opts.cipher, this.vault);
      const sources = [...this.settings.sources];
      const at = sources.findIndex((s) => s.id === (previousId ?? config.id));
      if (at >= 0) sources[at] = sealed;
      else sources.push(sealed);
      let vault = withoutSource(this.vault, config.id);
      if (previousId && previousId !== config.id) vault = withoutSource(vault, previousId);
      this.vault = { ...vault, ...entries };
      this.settings = { ...this.settings, sources };
      this.persist();
    });
  }

  async removeSource(id: string): Promise<void> {
    await this.serial(async () => {
      this.settings = { ...this.settings, sources: this.settings.sources.filter((s) => s.id !== id) };
      this.vault = withoutSource(this.vault, id);
      this.persist();
    });
  }

  async update(partial: Partial<Pick<Settings, 'alerts' | 'ui' | 'app'>>): Promise<Settings> {
    return this.serial(async () => {
      this.settings = SettingsSchema.parse({ ...this.settings, ...partial });
      this.persist();
      return this.settings;
    });
  }

  /** A submitted value equal to what the stored `env:` reference resolves to stays a reference. */
  private keepEnvReferences(config: SourceConfig, previousId: string | undefined): SourceConfig {
    const stored = this.settings.sources.find((s) => s.id === (previousId ?? config.id));
    if (!stored || stored.vendor !== config.vendor) return config;
    const env = this.opts.env ?? process.env;
    let out = config;
    for (const path of secretPaths(stored)) {
      const ref = readSecret(stored, path);
      if (ref && isEnvReference(ref) && env[ref.slice(4)] && readSecret(config, path) === env[ref.slice(4)]) out = writeSecret(out, path, ref);
    }
    return out;
  }

  /**
   * The document as found, under BACKUP_KEY, with its literal credentials sealed (a hand-written or
   * older document holds them in plain text; a backup is never read again, so it would keep them so).
   * Sealed even without an OS keyring, as open() seals the document's own: better than plain text.
   */
  private async keepBackup(raw: unknown): Promise<void> {
    const { backup, entries, sealed } = await sealBackup(raw, this.opts.cipher);
    sealed.forEach(registerSecret);
    this.vault = { ...withoutBackup(this.vault), ...entries };
    // Vault first: the backup never points at a secret that is not stored yet.
    this.opts.store.set(VAULT_KEY, this.vault);
    this.opts.store.set(BACKUP_KEY, backup);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.writes.then(fn, fn);
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Vault first: the document never points at a secret that is not stored yet. */
  private persist(): void {
    this.opts.store.set(VAULT_KEY, this.vault);
    this.opts.store.set(DOCUMENT_KEY, this.settings);
  }
}

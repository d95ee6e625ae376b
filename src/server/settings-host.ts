/**
 * Settings of the collector: the config file (when given) is the store. Sources added from the
 * dashboard are written back atomically with mode 0600; a secret that was an `env:` reference stays one.
 */
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import type { Settings } from '../shared/settings';
import type { SourceConfig } from '../shared/sources';
import { isEnvReference, readSecret, secretPaths, writeSecret } from '../core/settings/secret-fields';
import type { SettingsHost } from '../core/settings/host';
import { resolveSource } from './config';

export class CollectorSettingsHost implements SettingsHost {
  readonly kind = 'collector' as const;
  readonly editable = true;

  constructor(
    private settings: Settings,
    private readonly configPath: string | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  secretStorage() {
    return this.configPath ? ('file' as const) : ('env' as const);
  }

  get(): Settings {
    return this.settings;
  }

  async resolve(config: SourceConfig): Promise<SourceConfig> {
    return resolveSource(config, this.env);
  }

  async saveSource(config: SourceConfig, previousId: string | undefined): Promise<void> {
    const prevId = previousId ?? config.id;
    const stored = this.settings.sources.find((s) => s.id === prevId);
    let next = structuredClone(config);
    if (stored && stored.vendor === config.vendor) {
      // Keep `env:` references when the submitted value is what the reference resolves to.
      const resolved = resolveSource(stored, this.env);
      for (const path of secretPaths(stored)) {
        const ref = readSecret(stored, path);
        if (ref && isEnvReference(ref) && readSecret(next, path) === readSecret(resolved, path)) next = writeSecret(next, path, ref);
      }
    }
    const sources = this.settings.sources.filter((s) => s.id !== prevId && s.id !== config.id);
    const index = stored ? this.settings.sources.indexOf(stored) : sources.length;
    sources.splice(Math.min(index, sources.length), 0, next);
    this.settings = { ...this.settings, sources };
    this.persist();
  }

  async removeSource(id: string): Promise<void> {
    this.settings = { ...this.settings, sources: this.settings.sources.filter((s) => s.id !== id) };
    this.persist();
  }

  async update(partial: Partial<Pick<Settings, 'alerts' | 'ui' | 'app'>>): Promise<Settings> {
    this.settings = { ...this.settings, ...partial };
    this.persist();
    return this.settings;
  }

  private persist(): void {
    if (!this.configPath) return;
    const tmp = `${this.configPath}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(this.settings, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.configPath);
  }
}

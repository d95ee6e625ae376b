/**
 * Where settings live differs by face (electron-store + safeStorage in the tray app, a config file
 * with `env:` secrets in the collector); the command handler only sees this interface.
 */
import type { Settings } from '../../shared/settings';
import type { SourceConfig } from '../../shared/sources';
import type { SettingsView } from '../../shared/bridge';

export interface SettingsHost {
  readonly kind: SettingsView['host'];
  /** Whether sources and settings may be changed from the dashboard. */
  readonly editable: boolean;
  secretStorage(): SettingsView['secretStorage'];
  /** The settings document (secrets as stored: never sent to a renderer as they are). */
  get(): Settings;
  /** A source config with every secret resolved to its value, for the engine. */
  resolve(config: SourceConfig): Promise<SourceConfig>;
  /** Stores a source (with plain secrets; the host encrypts or refuses). Replaces `previousId` if given. */
  saveSource(config: SourceConfig, previousId: string | undefined, opts: { allowPlaintextSecrets?: boolean }): Promise<void>;
  removeSource(id: string): Promise<void>;
  update(partial: Partial<Pick<Settings, 'alerts' | 'ui' | 'app'>>): Promise<Settings>;
  /** What the person editing the settings should know about where they are kept (a file's ignored fields). */
  notes?(): string[];
}

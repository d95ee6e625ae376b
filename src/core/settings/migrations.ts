/**
 * Versioned migrations of the settings document. Each migration moves a raw document from one
 * version to the next; `migrate` applies them in order and validates the result against the current
 * schema. Documents written before versioning existed carry no `version` and count as version 0.
 */
import { SETTINGS_VERSION, SettingsSchema, type Settings } from '../../shared/settings';
import { describeIssue } from './validate';

export type RawDocument = Record<string, unknown>;

export interface Migration {
  from: number;
  to: number;
  /** What changed, for the log. */
  describe: string;
  up(doc: RawDocument): RawDocument;
}

/** Raised when a document cannot be brought to the current version. */
export class SettingsMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsMigrationError';
  }
}

const isRecord = (v: unknown): v is RawDocument => typeof v === 'object' && v !== null && !Array.isArray(v);
const defined = (doc: RawDocument): RawDocument => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));

/**
 * v0 (unversioned first releases): app and ui flags at the top level, `notifications.paused` and a
 * single `notifications.sound` flag, numeric source ids, Wolkvox polling as one `pollSec`.
 */
const v0ToV1: Migration = {
  from: 0,
  to: 1,
  describe: 'app/ui flags moved into "app" and "ui"; notification flags moved into "alerts"',
  up(doc) {
    const { startAtLogin, hideOnClose, autoUpdate, webhookPort, language, theme, notifications, ...rest } = doc;
    const alerts: RawDocument = isRecord(rest.alerts) ? { ...rest.alerts } : {};
    if (isRecord(notifications)) {
      if (typeof notifications.paused === 'boolean') alerts.notificationsPaused = notifications.paused;
      if (typeof notifications.sound === 'boolean') {
        alerts.sound = { warning: notifications.sound, critical: notifications.sound };
      }
    }
    const sources = Array.isArray(rest.sources) ? rest.sources.map(migrateSourceV0) : rest.sources;
    return {
      ...rest,
      version: 1,
      sources,
      alerts,
      app: { ...defined({ startAtLogin, hideOnClose, autoUpdate, webhookPort }), ...(isRecord(rest.app) ? rest.app : {}) },
      ui: { ...defined({ language, theme }), ...(isRecord(rest.ui) ? rest.ui : {}) },
    };
  },
};

function migrateSourceV0(source: unknown): unknown {
  if (!isRecord(source)) return source;
  const out: RawDocument = { ...source };
  if (typeof out.id === 'number') out.id = String(out.id);
  if (out.vendor === 'wolkvox' && typeof out.pollSec === 'number') {
    const poll = isRecord(out.poll) ? out.poll : {};
    out.poll = { latencySec: out.pollSec, agentsSec: out.pollSec, skillsSec: out.pollSec, ...poll };
    delete out.pollSec;
  }
  return out;
}

/** Every migration, in order. Adding one means bumping SETTINGS_VERSION in src/shared/settings.ts. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** The version a raw document declares (0 when it predates versioning). */
export function documentVersion(raw: RawDocument): number {
  const v = raw.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Applies the migrations a raw document needs; returns it unvalidated at SETTINGS_VERSION. */
export function migrateRaw(raw: unknown, migrations: readonly Migration[] = MIGRATIONS, target = SETTINGS_VERSION): RawDocument {
  if (raw === undefined || raw === null) return { version: target };
  if (!isRecord(raw)) throw new SettingsMigrationError('Settings are not a JSON object: restore a backup or remove the settings file to start over.');
  let doc: RawDocument = raw;
  let version = documentVersion(doc);
  if (version > target) {
    throw new SettingsMigrationError(
      `Settings were saved by a newer version of CC Tray Monitor (format v${version}; this version reads up to v${target}): update the app, or remove the settings file to start over.`,
    );
  }
  while (version < target) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new SettingsMigrationError(`No migration from settings format v${version}: update the app.`);
    doc = { ...step.up(doc), version: step.to };
    version = step.to;
  }
  return doc;
}

/** Migrates and validates strictly: any invalid field is an error naming it. */
export function migrate(raw: unknown): Settings {
  const doc = migrateRaw(raw);
  const parsed = SettingsSchema.safeParse(doc);
  if (!parsed.success) throw new SettingsMigrationError(`Invalid settings: ${describeIssue(parsed.error.issues[0], doc)}`);
  return parsed.data;
}

/**
 * Export and import of settings between machines. An export never holds a secret (neither literal
 * values, `env:` references nor sealed markers, nor the collector's access token); an import merges
 * sources by id and keeps the secrets already stored for matching sources.
 */
import {
  AlertSettingsSchema,
  AppSettingsSchema,
  SETTINGS_VERSION,
  UiSettingsSchema,
  type Settings,
} from '../../shared/settings';
import { SourceConfigSchema, insecureUrlProblem, withCollectorAddress, type SourceConfig } from '../../shared/sources';
import { migrateRaw } from './migrations';
import { foreignReference, movedAddress, readSecret, secretPaths, writeSecret } from './secret-fields';
import { describeIssue } from './validate';
import { ruleOverridesProblem } from '../alerts/rules';

export const EXPORT_FORMAT = 'cctm-settings';

/** A source as exported: every secret field removed. */
export type ExportedSource = Omit<SourceConfig, 'token' | 'password' | 'clientSecret' | 'accessToken'>;

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  sources: ExportedSource[];
  alerts: Settings['alerts'];
  ui: Settings['ui'];
  app: Settings['app'];
}

/** Strips every secret field (SECRET_FIELDS, Telphin's webhook.secret) and the server section. */
export function exportSettings(settings: Settings): SettingsExport {
  const sources = settings.sources.map((source) => {
    let copy: SourceConfig = withCollectorAddress(structuredClone(source));
    for (const path of secretPaths(source)) copy = writeSecret(copy, path, undefined);
    return copy as ExportedSource;
  });
  return {
    format: EXPORT_FORMAT,
    version: SETTINGS_VERSION,
    sources,
    alerts: structuredClone(settings.alerts),
    ui: structuredClone(settings.ui),
    app: structuredClone(settings.app),
  };
}

export interface ImportResult {
  settings: Settings;
  /** Sources that could not be imported, with the reason (shown to the user). */
  skipped: { id: string; reason: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges an exported document into the current settings: imported sources replace those with the
 * same id (keeping their stored secrets when the vendor and every address match and the import has
 * none — a stored credential is never sent where it was not entered for), other current sources
 * stay; a source with a plain http:// address to another machine is skipped as a config file's would
 * be refused. The alert, ui and app sections given replace the current ones field by field (a
 * section that is not valid is skipped and said so).
 */
export function importSettings(current: Settings, raw: unknown): ImportResult {
  if (isRecord(raw) && raw.format !== undefined && raw.format !== EXPORT_FORMAT) {
    throw new Error(`Not a CC Tray Monitor settings export (format "${String(raw.format)}").`);
  }
  const doc = migrateRaw(raw);
  const skipped: ImportResult['skipped'] = [];
  const sources = [...current.sources];
  const incoming = Array.isArray(doc.sources) ? doc.sources : [];
  incoming.forEach((item, i) => {
    const id = isRecord(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id) : `#${i + 1}`;
    const at = sources.findIndex((s) => s.id === id);
    const stored = at >= 0 ? sources[at] : undefined;
    const reference = isRecord(item) ? foreignReference(stored, item) : undefined;
    if (reference) {
      skipped.push({ id, reason: `${reference}: the export names an environment variable or a stored secret instead of a value; enter it in the Sources view` });
      return;
    }
    const moved = isRecord(item) && stored && stored.vendor === item.vendor ? movedAddress(stored, item) : undefined;
    const merged = isRecord(item) && !moved ? withStoredSecrets(item, stored) : item;
    const parsed = SourceConfigSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const missingSecret = issue && secretPaths({ vendor: (merged as SourceConfig).vendor ?? 'wolkvox' }).includes(issue.path.join('.'));
      skipped.push({
        id,
        reason: !missingSecret
          ? describeIssue(issue)
          : moved
            ? `the export sends ${issue.path.join('.')} to another address (${moved}) than the one it was entered for here: enter it again in the Sources view`
            : `the export holds no ${issue.path.join('.')} and none is stored here: add the source in the Sources view with its credentials`,
      });
      return;
    }
    const insecure = insecureUrlProblem(parsed.data);
    if (insecure) {
      skipped.push({ id, reason: `${insecure.field}: ${insecure.message}` });
      return;
    }
    if (at >= 0) sources[at] = parsed.data;
    else sources.push(parsed.data);
  });
  /** A section over the current one, or the current one when the document's is not usable (`check`: what else is wrong with it). */
  const section = <T extends object>(
    name: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Parameters<typeof describeIssue>[0][] } } },
    value: unknown,
    current: T,
    check: (next: T) => string | null = () => null,
  ): T => {
    if (value === undefined) return current;
    // Over the current section: a document that gives one field changes that field only.
    const parsed = schema.safeParse(isRecord(value) ? { ...current, ...value } : value);
    const problem = parsed.success ? check(parsed.data) : describeIssue(parsed.error.issues[0]);
    if (problem === null && parsed.success) return parsed.data;
    skipped.push({ id: name, reason: problem ?? 'invalid' });
    return current;
  };
  return {
    settings: {
      ...current,
      sources,
      alerts: section('alerts', AlertSettingsSchema, doc.alerts, current.alerts, (next) => ruleOverridesProblem(next.rules, current.alerts.rules)),
      ui: section('ui', UiSettingsSchema, doc.ui, current.ui),
      app: section('app', AppSettingsSchema, doc.app, current.app),
    },
    skipped,
  };
}

/** Fills the secret fields an imported source lacks from the stored source of the same id and vendor. */
function withStoredSecrets(item: Record<string, unknown>, stored: SourceConfig | undefined): Record<string, unknown> {
  if (!stored || stored.vendor !== item.vendor) return item;
  let out = item;
  for (const path of secretPaths(stored)) {
    const incoming = readSecret(out, path);
    const kept = readSecret(stored, path);
    if ((incoming === undefined || incoming === '') && kept !== undefined) {
      const parent = path.includes('.') ? path.split('.')[0]! : null;
      if (parent && !isRecord(out[parent])) continue; // no webhook in the import: nothing to attach a secret to
      out = writeSecret(out, path, kept);
    }
  }
  return out;
}

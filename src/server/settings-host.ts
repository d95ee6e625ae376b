/**
 * Settings of the collector: the config file (when given) is the store. Sources added from the
 * dashboard are written back atomically with mode 0600; a secret that was an `env:` reference stays one.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SettingsSchema, type Settings } from '../shared/settings';
import type { SourceConfig } from '../shared/sources';
import { isEnvReference, readSecret, secretPaths, writeSecret } from '../core/settings/secret-fields';
import type { SettingsHost } from '../core/settings/host';
import { resolveSource, unknownFieldNote, unknownFields, type UnknownField } from './config';

export class CollectorSettingsHost implements SettingsHost {
  readonly kind = 'collector' as const;
  readonly editable = true;
  /** The file as written by hand: what it holds that is not a setting is kept when it is written back. */
  private readonly original: unknown;
  private readonly unknown: UnknownField[];

  constructor(
    private settings: Settings,
    private readonly configPath: string | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.original = configPath ? readDocument(configPath) : null;
    this.unknown = this.original ? unknownFields(SettingsSchema, this.original) : [];
  }

  /** Fields of the file that are not settings (ignored, kept in the file), said where the file is edited. */
  notes(): string[] {
    return this.unknown.map(unknownFieldNote);
  }

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
    const doc = withoutDefaults(this.settings);
    if (this.original) keepUnknownFields(doc, this.original, this.unknown);
    writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.configPath);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The settings as a person would write them: every field the schema would put back by itself (a
 * default, a section at its defaults such as the tray app's `app`) left out, so that a file written by
 * hand stays short and readable after a change from the dashboard. Reading the result gives the same
 * settings (checked for each field left out); `version` always stays.
 */
export function withoutDefaults(settings: Settings): Record<string, unknown> {
  const want = JSON.stringify(SettingsSchema.parse(settings));
  const doc = structuredClone(settings) as unknown as Record<string, unknown>;
  const same = () => {
    const parsed = SettingsSchema.safeParse(doc);
    return parsed.success && JSON.stringify(parsed.data) === want;
  };
  const prune = (node: Record<string, unknown>, top: boolean) => {
    const order = Object.keys(node);
    for (const key of order) {
      if (top && key === 'version') continue;
      const value = node[key];
      if (isPlainObject(value)) prune(value, false);
      else if (Array.isArray(value)) for (const item of value) if (isPlainObject(item)) prune(item, false);
      delete node[key];
      if (!same()) node[key] = value;
    }
    // Fields tried and kept went to the end: back in the order they had.
    for (const key of order) {
      if (!(key in node)) continue;
      const value = node[key];
      delete node[key];
      node[key] = value;
    }
  };
  prune(doc, true);
  return doc;
}

function readDocument(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Puts back what the hand-written file held that is not a setting (a misspelled field, a note): the
 * collector ignores it, and a write from the dashboard must not lose what the person meant to write.
 * A field inside a list element (a source, a rule) goes back into the element with the same `id`.
 */
export function keepUnknownFields(doc: Record<string, unknown>, original: unknown, fields: readonly UnknownField[]): void {
  for (const field of fields) {
    let from: unknown = original;
    let to: unknown = doc;
    const steps = field.steps;
    for (let i = 0; i < steps.length - 1 && to !== undefined; i++) {
      const step = steps[i]!;
      if (typeof step === 'number') {
        const item = (from as unknown[])[step] as { id?: unknown } | undefined;
        const list = Array.isArray(to) ? (to as { id?: unknown }[]) : [];
        const same = item?.id === undefined ? [] : list.filter((e) => isPlainObject(e) && e.id === item.id);
        from = item;
        to = same.length === 1 ? same[0] : undefined;
      } else {
        from = (from as Record<string, unknown>)[step];
        if (isPlainObject(to) && to[step] === undefined && (isPlainObject(from) || Array.isArray(from))) to[step] = Array.isArray(from) ? [] : {};
        to = isPlainObject(to) ? to[step] : undefined;
      }
    }
    const last = steps[steps.length - 1]!;
    if (isPlainObject(to) && typeof last === 'string' && isPlainObject(from)) to[last] = from[last];
  }
}

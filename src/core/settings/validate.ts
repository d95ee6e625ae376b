/**
 * Validation of a (migrated) settings document. Strict validation names the first bad field; tolerant
 * validation keeps every valid part (a bad source is dropped, a bad section falls back to its
 * defaults) and reports what it left out, so one corrupt entry never costs the user everything.
 */
import type { z } from 'zod';
import {
  AlertSettingsSchema,
  AppSettingsSchema,
  ServerSettingsSchema,
  SETTINGS_VERSION,
  SettingsSchema,
  UiSettingsSchema,
  type Settings,
} from '../../shared/settings';
import { SourceConfigSchema, type SourceConfig } from '../../shared/sources';

type Issue = z.core.$ZodIssue;

/** "sources[1] (id \"wv\").token: expected string" — names the source and the field. */
export function describeIssue(issue: Issue | undefined, doc?: unknown): string {
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  let where = path || 'document';
  if (issue.path[0] === 'sources' && typeof issue.path[1] === 'number' && doc && typeof doc === 'object') {
    const source = (doc as { sources?: unknown[] }).sources?.[issue.path[1]];
    const id = source && typeof source === 'object' ? (source as { id?: unknown }).id : undefined;
    if (typeof id === 'string' || typeof id === 'number') where = where.replace(/^sources\[\d+\]/, `sources[${issue.path[1]}] (id "${id}")`);
  }
  return `${where}: ${issue.message}`;
}

export interface ValidationResult {
  settings: Settings;
  /** What was left out or reset, one sentence each (logged; shown in the settings view). */
  problems: string[];
}

/**
 * Optional source fields whose absence has a meaning of its own: when only they are wrong, the source
 * is kept without them (a zone the system no longer knows reads dates in this computer's zone; a
 * name too long shows the id).
 */
const DROPPABLE: Readonly<Record<string, string>> = {
  timeZone: "its dates are read in this computer's time zone",
  name: 'it shows under its id',
};

const SECTIONS = {
  alerts: AlertSettingsSchema,
  ui: UiSettingsSchema,
  app: AppSettingsSchema,
  server: ServerSettingsSchema,
} as const;

/** Validates a migrated document, keeping every valid part. */
export function validateSettings(doc: Record<string, unknown>): ValidationResult {
  const whole = SettingsSchema.safeParse(doc);
  if (whole.success) return { settings: whole.data, problems: [] };
  const problems: string[] = [];
  const sources: SourceConfig[] = [];
  const rawSources = Array.isArray(doc.sources) ? doc.sources : [];
  if (doc.sources !== undefined && !Array.isArray(doc.sources)) problems.push('sources: not a list; no sources were loaded');
  rawSources.forEach((raw, i) => {
    let parsed = SourceConfigSchema.safeParse(raw);
    const fields = parsed.success ? [] : [...new Set(parsed.error.issues.map((x) => (x.path.length === 1 ? String(x.path[0]) : '')))];
    if (!parsed.success && raw && typeof raw === 'object' && fields.every((f) => f in DROPPABLE)) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        problems.push(`${describeIssue({ ...issue, path: ['sources', i, ...issue.path] }, doc)} (left out: ${DROPPABLE[field]})`);
      }
      parsed = SourceConfigSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !fields.includes(k))));
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${describeIssue(issue ? { ...issue, path: ['sources', i, ...issue.path] } : undefined, doc)} (source left out)`);
    } else if (sources.some((s) => s.id === parsed.data.id)) {
      problems.push(`sources[${i}] (id "${parsed.data.id}"): duplicate id (source left out)`);
    } else {
      sources.push(parsed.data);
    }
  });
  const sections: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SECTIONS)) {
    const parsed = schema.safeParse(doc[name] ?? {});
    if (parsed.success) sections[name] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      problems.push(`${describeIssue(issue ? { ...issue, path: [name, ...issue.path] } : undefined)} (section reset to defaults)`);
      sections[name] = schema.parse({});
    }
  }
  const settings = SettingsSchema.parse({ ...sections, version: SETTINGS_VERSION, sources });
  return { settings, problems };
}

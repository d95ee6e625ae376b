/**
 * The collector's configuration file (CONTRACT.md): JSON, validated with the shared schemas, `env:NAME`
 * secrets resolved from the environment. Every problem names the file, the source id and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SettingsSchema, type Settings } from '../shared/settings';
import { insecureUrlProblem, type SourceConfig } from '../shared/sources';
import { readSecret, secretPaths, writeSecret } from '../core/settings/secret-fields';
import { registerSecret } from '../core/util/redact';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates a config file. Throws ConfigError with a message naming file, source and field;
 * `warn` hears of fields the schema does not know (ignored: a misspelled optional field would
 * otherwise take its default without a word).
 */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = () => undefined): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read the configuration file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const settings = parseConfig(raw, path, env);
  for (const field of unknownFields(SettingsSchema, raw)) {
    warn(`${path}: ${unknownFieldNote(field)}`);
  }
  return settings;
}

/** The object schema inside optional, default and nullable wrappers, or null. */
function objectOf(schema: z.ZodType): z.ZodObject | null {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    if (s instanceof z.ZodObject) return s;
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap();
    else return null;
  }
  return null;
}

/** Edit distance between two short strings: insertions, deletions, substitutions and swaps of neighbours. */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j]!, before[j - 2]! + 1);
    }
    before = row;
    row = next;
  }
  return row[b.length]!;
}

/** A known field this unknown one looks like (its case, or a letter or two apart), if any. */
function lookalike(key: string, known: string[]): string | undefined {
  const k = key.toLowerCase();
  return known.find((f) => f.toLowerCase() === k) ?? known.find((f) => distance(f.toLowerCase(), k) <= Math.min(2, Math.floor(k.length / 3)));
}

/** A field the schema does not know: its path ("sources[0].baseURL"), the same as steps, and a likely meaning. */
export interface UnknownField {
  path: string;
  steps: (string | number)[];
  like?: string;
}

/** What is said of a field that is not a setting: at start in the log, and in the dashboard. */
export function unknownFieldNote(field: UnknownField): string {
  return `field "${field.path}" is not a setting and is ignored${field.like ? ` (did you mean "${field.like}"?)` : ''}`;
}

/** Fields of `raw` that `schema` does not know, with what they look like. */
export function unknownFields(schema: z.ZodType, raw: unknown, path = '', steps: (string | number)[] = []): UnknownField[] {
  if (Array.isArray(raw)) {
    let inner: unknown = schema;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap();
    if (!(inner instanceof z.ZodArray)) return [];
    const element = inner.element as z.ZodType;
    return raw.flatMap((item, i) => unknownFields(element, item, `${path}[${i}]`, [...steps, i]));
  }
  if (!raw || typeof raw !== 'object') return [];
  let target: z.ZodType = schema;
  while (target instanceof z.ZodOptional || target instanceof z.ZodDefault || target instanceof z.ZodNullable) target = target.unwrap() as z.ZodType;
  // A source: the fields of its vendor's schema.
  if (target instanceof z.ZodDiscriminatedUnion) {
    const vendor = (raw as Record<string, unknown>).vendor;
    const option = (target.options as z.ZodType[]).find((o) => {
      const shape = objectOf(o)?.shape as Record<string, z.ZodType> | undefined;
      const tag = shape?.vendor;
      return tag instanceof z.ZodLiteral && tag.value === vendor;
    });
    return option ? unknownFields(option, raw, path, steps) : [];
  }
  const object = objectOf(target);
  if (!object) return [];
  const shape = object.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  return Object.entries(raw as Record<string, unknown>).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(shape, key)) return [{ path: at, steps: [...steps, key], like: lookalike(key, known) }];
    return unknownFields(shape[key]!, value, at, [...steps, key]);
  });
}

/** At most this many problems are listed; the rest are counted. */
const LISTED = 20;

/** One problem: the message as it is; several: a count and one line each, so that one start shows them all. */
function configError(label: string, problems: string[]): ConfigError {
  const unique = [...new Set(problems)];
  if (unique.length === 1) return new ConfigError(`${label}: ${unique[0]}`);
  const lines = unique.slice(0, LISTED).map((p) => `  - ${p}`);
  if (unique.length > LISTED) lines.push(`  - and ${unique.length - LISTED} more`);
  return new ConfigError(`${label}: ${unique.length} problems:\n${lines.join('\n')}`);
}

/** Validates a parsed config document; `label` names it in messages. Every problem is reported, not the first only. */
export function parseConfig(raw: unknown, label: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) throw configError(label, parsed.error.issues.map((issue) => describeIssue(raw, issue)));
  const settings = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  settings.sources.forEach((src, i) => {
    const at = `sources[${i}] (id "${src.id}")`;
    if (seen.has(src.id)) problems.push(`${at}: field "id": duplicate source id`);
    seen.add(src.id);
    const insecure = insecureUrlProblem(src);
    if (insecure) problems.push(`${at}: field "${insecure.field}": ${insecure.message}`);
    for (const field of secretPaths(src)) {
      const value = readSecret(src, field);
      if (typeof value === 'string' && value.startsWith('env:')) {
        const name = value.slice(4);
        if (!env[name]) problems.push(`${at}: field "${field}": environment variable ${name} is not set`);
      }
    }
  });
  const token = settings.server.accessToken;
  if (token?.startsWith('env:') && !env[token.slice(4)]) {
    problems.push(`field "server.accessToken": environment variable ${token.slice(4)} is not set`);
  }
  if (problems.length) throw configError(label, problems);
  return settings;
}

/** Resolves `env:NAME` references (secrets and the access token) and registers secrets for redaction. */
export function resolveSecret(value: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (value === undefined) return undefined;
  const resolved = value.startsWith('env:') ? env[value.slice(4)] : value;
  registerSecret(resolved);
  return resolved;
}

export function resolveSource(src: SourceConfig, env: NodeJS.ProcessEnv = process.env): SourceConfig {
  let out = src;
  for (const path of secretPaths(src)) {
    const value = readSecret(src, path);
    if (value !== undefined) out = writeSecret(out, path, resolveSecret(value, env));
  }
  return out;
}

/** A schema issue as "sources[0] (id "wv"): field "token": is required" (the file's name not included). */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  if (path[0] === 'sources' && typeof path[1] === 'number') {
    const src = Array.isArray((raw as { sources?: unknown[] })?.sources) ? (raw as { sources: unknown[] }).sources[path[1]] : undefined;
    const id = src && typeof src === 'object' && typeof (src as { id?: unknown }).id === 'string' ? (src as { id: string }).id : '?';
    const field = path.slice(2).join('.') || 'vendor';
    let message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
    if (issue.code === 'invalid_union' || (issue.code === 'invalid_value' && field === 'vendor')) {
      message = 'unknown vendor: use wolkvox, axialys, avaya, telphin or collector';
    }
    return `sources[${path[1]}] (id "${id}"): field "${field}": ${message}`;
  }
  return `field "${path.join('.') || '(root)'}": ${issue.message}`;
}

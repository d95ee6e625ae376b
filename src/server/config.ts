/**
 * The collector's configuration file (CONTRACT.md): JSON, validated with the shared schemas, `env:NAME`
 * secrets resolved from the environment. Every problem names the file, the source id and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SettingsSchema, type Settings } from '../shared/settings';
import { insecureUrlProblem, SourceConfigSchema, withCollectorAddress, type SourceConfig } from '../shared/sources';
import { isEnvReference, readSecret, secretPaths, writeSecret } from '../core/settings/secret-fields';
import { registerSecret } from '../core/util/redact';
import { jsonSyntaxProblem } from './json-position';

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
  // A byte order mark (some Windows editors write one) is not part of the document.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') throw new ConfigError(`${path}: the file is empty: write a JSON object such as {"sources": []}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // Never V8's message: it quotes the text around the error, which may be a secret.
    throw new ConfigError(`${path}: ${jsonSyntaxProblem(text, (e as Error).message)}`);
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
  // A collector's address written with its token (as the collector prints it): the token is the credential.
  settings.sources = settings.sources.map((src) => withCollectorAddress(src));
  const problems: string[] = [];
  const seen = new Set<string>();
  settings.sources.forEach((src, i) => {
    const at = (field: string) => `field "sources[${i}].${field}" (source "${src.id}")`;
    if (seen.has(src.id)) problems.push(`${at('id')}: duplicate source id`);
    seen.add(src.id);
    const insecure = insecureUrlProblem(src);
    if (insecure) problems.push(`${at(insecure.field)}: ${insecure.message}`);
    for (const field of secretPaths(src)) {
      const example = `${src.vendor}_${field.split('.').pop()!.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase();
      const problem = envProblem(readSecret(src, field), env, example);
      if (problem) problems.push(`${at(field)}: ${problem}`);
    }
  });
  const problem = envProblem(settings.server.accessToken, env, 'COLLECTOR_TOKEN');
  if (problem) problems.push(`field "server.accessToken": ${problem}`);
  if (problems.length) throw configError(label, problems);
  return settings;
}

/** What is wrong with an `env:NAME` reference (an empty name, an unset variable), or null. */
function envProblem(value: string | undefined, env: NodeJS.ProcessEnv, example: string): string | null {
  if (!value?.startsWith('env:')) return null;
  const name = value.slice(4);
  if (name === '') return `"env:" must be followed by the name of an environment variable, such as "env:${example}"`;
  return env[name] ? null : `environment variable ${name} is not set`;
}

/** The fields that hold a secret written out ("sources[1].appKey", "server.accessToken"), never the values. */
export function literalSecretFields(settings: Settings): string[] {
  const fields = settings.sources.flatMap((src, i) =>
    secretPaths(src)
      .filter((field) => {
        const value = readSecret(src, field);
        return typeof value === 'string' && value.length > 0 && !isEnvReference(value);
      })
      .map((field) => `sources[${i}].${field}`),
  );
  const token = settings.server.accessToken;
  if (token && !isEnvReference(token)) fields.push('server.accessToken');
  return fields;
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

/** A field's path, written the same way in every message: "sources[0].server", "alerts.rules[0].warning". */
export function fieldPath(steps: readonly PropertyKey[]): string {
  return steps.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** `field "sources[0].server" (source "wv")`: the path, and the source's id when it has one. */
function fieldLabel(raw: unknown, steps: readonly PropertyKey[]): string {
  let label = `field "${fieldPath(steps)}"`;
  if (steps[0] === 'sources' && typeof steps[1] === 'number') {
    const id = (sourceOf(raw, steps[1]) as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') label += ` (source "${id}")`;
  }
  return label;
}

function sourceOf(raw: unknown, index: number): Record<string, unknown> | undefined {
  const sources = raw && typeof raw === 'object' ? (raw as { sources?: unknown }).sources : undefined;
  const src = Array.isArray(sources) ? sources[index] : undefined;
  return src && typeof src === 'object' ? (src as Record<string, unknown>) : undefined;
}

/** The value the document holds at a path, or undefined. */
function valueAt(raw: unknown, steps: readonly PropertyKey[]): unknown {
  let cur = raw;
  for (const step of steps) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[step];
  }
  return cur;
}

const VENDOR_NAMES = SourceConfigSchema.options.map((o) => o.shape.vendor.value);
const VENDORS = `use ${VENDOR_NAMES.slice(0, -1).join(', ')} or ${VENDOR_NAMES.at(-1)}`;

/**
 * What the source fields that take one of several kinds of value accept, in plain words (the schema
 * alone would say "text or a number").
 */
const UNION_RULES: Readonly<Record<string, string>> = {
  'wolkvox.server': 'must be the Wolkvox server code such as "0031" (text or a number), or its host such as "wv0031.wolkvox.com"',
  'axialys.clientId': 'must be the client id Axialys gave with the API account: text, or a whole number of 0 or more',
};

/** The schema inside optional, default, nullable and transform wrappers. */
function unwrapped(schema: unknown): unknown {
  let s = schema;
  for (let i = 0; i < 5; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodPipe) s = s.in;
    else break;
  }
  return s;
}

/** A kind of value in plain words ("text", "a whole number of 0 or more"). */
function kindOf(schema: unknown): string | null {
  if (schema instanceof z.ZodString) return 'text';
  if (schema instanceof z.ZodNumber) return `${schema.isInt ? 'a whole number' : 'a number'}${schema.minValue === 0 ? ' of 0 or more' : ''}`;
  if (schema instanceof z.ZodBoolean) return 'true or false';
  if (schema instanceof z.ZodLiteral) return JSON.stringify(schema.value);
  return null;
}

/** What a source field that is a union of kinds accepts, or null when the field is no such union. */
function sourceUnionRule(raw: unknown, steps: readonly PropertyKey[]): string | null {
  if (steps.length !== 3 || typeof steps[1] !== 'number' || typeof steps[2] !== 'string') return null;
  const vendor = sourceOf(raw, steps[1])?.vendor;
  const option = SourceConfigSchema.options.find((o) => o.shape.vendor.value === vendor);
  const field = unwrapped(option ? (option.shape as Record<string, unknown>)[steps[2]] : undefined);
  if (!(field instanceof z.ZodUnion) || field instanceof z.ZodDiscriminatedUnion) return null;
  const rule = UNION_RULES[`${String(vendor)}.${steps[2]}`];
  if (rule) return rule;
  const kinds = (field.options as unknown[]).map(kindOf);
  return kinds.every(Boolean) ? `must be ${kinds.join(' or ')}` : null;
}

const EXPECTED: Readonly<Record<string, string>> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list' };

/** A union's issue elsewhere: the kinds its members expected ("must be text or a number"), else the schema's words. */
function unionMessage(issue: z.core.$ZodIssue): string {
  const errors = issue.code === 'invalid_union' ? issue.errors : [];
  const kinds = errors.map((branch) => (branch.length === 1 && branch[0]!.code === 'invalid_type' ? EXPECTED[branch[0]!.expected] : undefined));
  return kinds.length > 0 && kinds.every(Boolean) ? `must be ${[...new Set(kinds)].join(' or ')}` : issue.message;
}

/** A schema issue as `field "sources[0].token" (source "wv"): is required` (the file's name not included). */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const steps = issue.path;
  if (steps.length === 0) return issue.code === 'invalid_type' ? 'the configuration must be a JSON object such as {"sources": []}' : issue.message;
  return `${fieldLabel(raw, steps)}: ${issueMessage(raw, issue)}`;
}

function issueMessage(raw: unknown, issue: z.core.$ZodIssue): string {
  const steps = issue.path;
  const missing = valueAt(raw, steps) === undefined;
  const inSource = steps[0] === 'sources' && typeof steps[1] === 'number';
  if (inSource && steps.length === 2) return 'must be an object such as {"id": "wv", "vendor": "wolkvox", …}';
  // Only the discriminator is about the vendor: other unions (a Wolkvox server, an Axialys client id) say what they accept.
  if (inSource && steps.length === 3 && steps[2] === 'vendor') return `${missing ? 'is required' : 'unknown vendor'}: ${VENDORS}`;
  const rule = inSource ? sourceUnionRule(raw, steps) : null;
  if (rule) return missing ? 'is required' : rule;
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) return 'is required';
  if (issue.code === 'invalid_union') return unionMessage(issue);
  return issue.message;
}

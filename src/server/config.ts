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

/** Reads and validates a config file. Throws ConfigError with a message naming file, source and field. */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Settings {
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
  return parseConfig(raw, path, env);
}

/** Validates a parsed config document; `label` names it in messages. */
export function parseConfig(raw: unknown, label: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssue(raw, parsed.error.issues[0]!, label));
  const settings = parsed.data;
  const seen = new Set<string>();
  settings.sources.forEach((src, i) => {
    if (seen.has(src.id)) throw new ConfigError(`${label}: sources[${i}] (id "${src.id}"): field "id": duplicate source id`);
    seen.add(src.id);
    const insecure = insecureUrlProblem(src);
    if (insecure) throw new ConfigError(`${label}: sources[${i}] (id "${src.id}"): field "${insecure.field}": ${insecure.message}`);
    for (const field of secretPaths(src)) {
      const value = readSecret(src, field);
      if (typeof value === 'string' && value.startsWith('env:')) {
        const name = value.slice(4);
        if (!env[name]) {
          throw new ConfigError(`${label}: sources[${i}] (id "${src.id}"): field "${field}": environment variable ${name} is not set`);
        }
      }
    }
  });
  const token = settings.server.accessToken;
  if (token?.startsWith('env:') && !env[token.slice(4)]) {
    throw new ConfigError(`${label}: field "server.accessToken": environment variable ${token.slice(4)} is not set`);
  }
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

function describeIssue(raw: unknown, issue: z.core.$ZodIssue, label: string): string {
  const path = issue.path;
  if (path[0] === 'sources' && typeof path[1] === 'number') {
    const src = Array.isArray((raw as { sources?: unknown[] })?.sources) ? (raw as { sources: unknown[] }).sources[path[1]] : undefined;
    const id = src && typeof src === 'object' && typeof (src as { id?: unknown }).id === 'string' ? (src as { id: string }).id : '?';
    const field = path.slice(2).join('.') || 'vendor';
    let message = /received undefined$/.test(issue.message) ? 'is required' : issue.message;
    if (issue.code === 'invalid_union' || (issue.code === 'invalid_value' && field === 'vendor')) {
      message = 'unknown vendor: use wolkvox, axialys, avaya, telphin or collector';
    }
    return `${label}: sources[${path[1]}] (id "${id}"): field "${field}": ${message}`;
  }
  return `${label}: field "${path.join('.') || '(root)'}": ${issue.message}`;
}

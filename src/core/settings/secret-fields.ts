/**
 * Where a source config keeps its secrets: the vendor's SECRET_FIELDS plus Telphin's webhook secret.
 * One place to read and write them, so sealing, export and redaction never miss one.
 */
import { SECRET_FIELDS, type SourceConfig } from '../../shared/sources';

/** A secret's location in a source config, e.g. "token" or "webhook.secret". */
export type SecretPath = string;

/** Every secret path a config of this vendor may hold. */
export function secretPaths(config: { vendor: SourceConfig['vendor'] }): SecretPath[] {
  const paths: SecretPath[] = [...SECRET_FIELDS[config.vendor]];
  if (config.vendor === 'telphin') paths.push('webhook.secret');
  return paths;
}

/**
 * The names a secret goes by in any source config (the last part of every vendor's secret paths:
 * "token", "password", "clientSecret", "appKey", "accessToken", "secret"). For documents that cannot be
 * read as settings (written by a newer version, or invalid), where paths cannot be trusted.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set(
  (Object.keys(SECRET_FIELDS) as SourceConfig['vendor'][]).flatMap((vendor) => secretPaths({ vendor }).map((p) => p.split('.').pop()!)),
);

/** The value at a secret path, or undefined. */
export function readSecret(config: object, path: SecretPath): string | undefined {
  let cur: unknown = config;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

/** A copy of the config with the value at `path` replaced (undefined deletes it). */
export function writeSecret<T extends object>(config: T, path: SecretPath, value: string | undefined): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy = { ...(config as Record<string, unknown>) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy as T;
  }
  const inner = copy[head];
  if (!inner || typeof inner !== 'object') {
    if (value === undefined) return copy as T;
    copy[head] = writeSecret({}, rest.join('.'), value);
  } else {
    copy[head] = writeSecret(inner as object, rest.join('.'), value);
  }
  return copy as T;
}

/** True for `env:NAME` references (the value lives in the environment, not in the settings). */
export function isEnvReference(value: string): boolean {
  return /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(value);
}

/** `env:NAME` or a sealed marker `safe:…`: a value that stands for a secret kept somewhere else. */
export function isSecretReference(value: string): boolean {
  return isEnvReference(value) || value.startsWith('safe:');
}

/**
 * The first secret path where `incoming` — a config from a page or an imported file — names a secret
 * kept elsewhere (an environment variable of this machine, a sealed entry) other than the reference
 * `stored` holds there for the same address. Such a reference would have this machine read that
 * secret and send it where the sender chose: values are typed, references are only kept.
 */
export function foreignReference(stored: SourceConfig | undefined, incoming: Record<string, unknown>): SecretPath | undefined {
  const vendor = incoming.vendor as SourceConfig['vendor'];
  if (!Object.hasOwn(SECRET_FIELDS, vendor)) return undefined;
  const same = stored && stored.vendor === vendor && movedAddress(stored, incoming) === undefined ? stored : undefined;
  return secretPaths({ vendor }).find((path) => {
    const value = readSecret(incoming, path);
    return value !== undefined && isSecretReference(value.trim()) && (!same || readSecret(same, path) !== value);
  });
}

/** Every secret value the config holds literally (neither an `env:` reference nor empty). */
export function literalSecrets(config: SourceConfig): string[] {
  return secretPaths(config)
    .map((p) => readSecret(config, p))
    .filter((v): v is string => typeof v === 'string' && v.length > 0 && !isEnvReference(v));
}

/** Fields that decide where a source's credentials are sent (vendor host, URLs, region, mode). */
const ADDRESS_FIELDS = ['server', 'baseUrl', 'authUrl', 'tokenUrl', 'socketUrl', 'apiBaseUrl', 'region', 'url', 'mode', 'allowInsecure'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : typeof v === 'string' ? v.trim() : v);
  return norm(a) === norm(b);
}

/**
 * The first field that sends a source's credentials somewhere else than `stored` does, or undefined.
 * A stored secret is only carried over to a config that sends it where it was entered for.
 */
export function movedAddress(stored: object, incoming: Record<string, unknown>): (typeof ADDRESS_FIELDS)[number] | undefined {
  return ADDRESS_FIELDS.find((f) => !sameValue((stored as Record<string, unknown>)[f], incoming[f]));
}

/**
 * Source configuration schemas (CONTRACT.md "Configuration file"), shared by the collector's config
 * file, the tray app's settings and the renderer's forms. Secrets may be literal or `env:NAME`.
 */
import { z } from 'zod';
import { canonicalZone, isTimeZone } from './zones';

/** Source ids become part of entity keys and URLs: keep them short and plain. */
export const SourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'use 1–40 letters, digits, "-" or "_"')
  // Names every JavaScript object already has: a source under one would be lost in maps keyed by id.
  .refine((id) => !['__proto__', 'constructor', 'prototype'].includes(id), 'this id is reserved: choose another');

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;
const URL_PARTS = /^(https?|wss?):\/\/(\[[^\]]+\]|[^/:?#\s]+)(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;

/** Splits an absolute http(s)/ws(s) URL into scheme and host without relying on a runtime URL class. */
export function urlParts(url: string): { scheme: string; host: string; port: number | null } | null {
  const m = URL_PARTS.exec(url.trim());
  if (!m) return null;
  return { scheme: m[1]!.toLowerCase(), host: m[2]!.toLowerCase(), port: m[3] ? Number(m[3]) : null };
}

/** True for hosts that never leave the machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/** A webhook secret the receiver's route can match: one URL path segment with nothing to escape. */
export const WEBHOOK_SECRET = /^[A-Za-z0-9._~-]{16,256}$/;
export const WEBHOOK_SECRET_RULE = 'must be 16 to 256 letters, digits, "-", "_", "." or "~" (one segment of the receiver URL)';

/** An optional URL override; plain http/ws only for loopback unless the source allows insecure. */
const UrlSchema = z.string().refine((v) => urlParts(v) !== null, 'must be an absolute http(s):// or ws(s):// URL');

const base = {
  id: SourceIdSchema,
  name: z.string().max(80).optional(),
  enabled: z.boolean().optional(),
  allowInsecure: z.boolean().optional(),
};

/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A host name or IPv4 address, with an optional port; a trailing slash is tolerated. */
const HOST_NAME = new RegExp(`^(?=[^:/]{1,253}(?::|/|$))${LABEL}(?:\\.${LABEL})*\\.?(?::\\d{1,5})?/*$`, 'i');
const HOST_OF_URL = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9a-f:.]+\\])$`, 'i');

export const WOLKVOX_SERVER_RULE = 'must be a Wolkvox server code such as "0031", its host such as "wv0031.wolkvox.com", or an https:// address';

/**
 * What a Wolkvox source's `server` may hold: a server code ("0031", "31", "wv0031"), a host name
 * ("wv0031.wolkvox.com", a port allowed), or an http(s):// address (the connector's `baseUrlFor`
 * reads all three). Anything else (spaces, punctuation, another scheme) names no server.
 */
export function isWolkvoxServer(server: string): boolean {
  const s = server.trim();
  if (/^(?:wv)?\d{1,6}$/i.test(s)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    const parts = urlParts(s);
    return parts !== null && (parts.scheme === 'https' || parts.scheme === 'http') && HOST_OF_URL.test(parts.host);
  }
  return HOST_NAME.test(s);
}

/** Seconds between two polls of each Wolkvox report when `poll` does not say (the seed advises 5 min for latency). */
export const WOLKVOX_DEFAULT_POLL_SEC = { latency: 300, agents: 60, skills: 60 } as const;

export const WolkvoxSourceSchema = z.object({
  ...base,
  vendor: z.literal('wolkvox'),
  /**
   * The server code such as "0031" (the number in `wv0031.wolkvox.com`), or that host, or its https://
   * address (see `isWolkvoxServer`).
   */
  server: z
    .union([z.string(), z.number().int().nonnegative()])
    .transform(String)
    .refine(isWolkvoxServer, WOLKVOX_SERVER_RULE),
  token: z.string().min(1),
  baseUrl: UrlSchema.optional(),
  poll: z
    .object({
      latencySec: z.number().min(1).optional(),
      agentsSec: z.number().min(1).optional(),
      skillsSec: z.number().min(1).optional(),
    })
    .optional(),
  /** Licences of the operation: the daily token quota is licences × 1000 uses. */
  licences: z.number().int().positive().optional(),
  /**
   * The time zone the account's reports write their dates in (`last_date`) and whose midnight renews
   * the token quota, as an IANA name ("America/Bogota"), kept in the runtime's own spelling. Absent
   * (or empty): the zone of the computer the monitor runs on.
   */
  timeZone: z
    .string()
    .trim()
    .refine((v) => v === '' || isTimeZone(v), 'an IANA time zone such as "America/Bogota"')
    .transform((v) => (v === '' ? undefined : canonicalZone(v)))
    .optional(),
});

export const AxialysSourceSchema = z.object({
  ...base,
  vendor: z.literal('axialys'),
  mode: z.enum(['supervisor', 'api']).default('supervisor'),
  login: z.string().min(1),
  password: z.string().min(1),
  authUrl: UrlSchema.optional(),
  tokenUrl: UrlSchema.optional(),
  socketUrl: UrlSchema.optional(),
  socketIo: z.enum(['auto', 'v2', 'v4']).default('auto'),
  /**
   * API mode: the client id Axialys gives with the API account, which opens the notification feed
   * (`init`); the token answer carries only the session and its expiry.
   */
  clientId: z.union([z.string().trim().min(1), z.number().int().nonnegative()]).optional(),
});

export const AvayaSourceSchema = z.object({
  ...base,
  vendor: z.literal('avaya'),
  apiBaseUrl: UrlSchema.optional(),
  region: z.string().regex(/^[a-z]{2,8}$/i, 'a region code such as "eu"').optional(),
  accountId: z.string().regex(/^[A-Za-z]{6}$/, 'the 6-letter AXP account id'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  appKey: z.string().min(1),
  producers: z.array(z.string().min(1)).min(1).default(['Agent_itd_1.0.0', 'Queue_itd_1.0.0']),
  pingSec: z.number().min(1).max(300).default(30),
});

export const TelphinSourceSchema = z.object({
  ...base,
  vendor: z.literal('telphin'),
  apiBaseUrl: UrlSchema.optional(),
  tokenUrl: UrlSchema.optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  clientRef: z.string().min(1).default('@me'),
  webhook: z
    .object({
      publicUrl: UrlSchema,
      /**
       * Secret path segment of the receiver URL; derived from the source when absent. One path segment
       * the receiver can match: 16–256 letters, digits, "-", "_", "." or "~" (or an `env:` reference,
       * or the tray app's sealed marker, both checked once resolved).
       */
      secret: z
        .string()
        .refine((s) => /^(?:env|safe):/.test(s) || WEBHOOK_SECRET.test(s), WEBHOOK_SECRET_RULE)
        .optional(),
      /** How Telphin delivers events: POST form body (default) or GET query string. */
      method: z.enum(['GET', 'POST']).optional(),
    })
    .optional(),
  pollSec: z.number().min(1).default(120),
});

export const CollectorSourceSchema = z.object({
  ...base,
  vendor: z.literal('collector'),
  url: UrlSchema,
  accessToken: z.string().min(1).optional(),
});

export const SourceConfigSchema = z.discriminatedUnion('vendor', [
  WolkvoxSourceSchema,
  AxialysSourceSchema,
  AvayaSourceSchema,
  TelphinSourceSchema,
  CollectorSourceSchema,
]);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type SourceConfigOf<V extends SourceConfig['vendor']> = Extract<SourceConfig, { vendor: V }>;
export type WolkvoxSourceConfig = SourceConfigOf<'wolkvox'>;
export type AxialysSourceConfig = SourceConfigOf<'axialys'>;
export type AvayaSourceConfig = SourceConfigOf<'avaya'>;
export type TelphinSourceConfig = SourceConfigOf<'telphin'>;
export type CollectorSourceConfig = SourceConfigOf<'collector'>;

/**
 * The ids of the demo sources (src/simulators/demo.ts): "Add demo sources" adds those missing, by id,
 * so with all of them configured there is nothing to add and the dashboard does not offer it.
 */
export const DEMO_SOURCE_IDS: readonly string[] = ['demo-wolkvox', 'demo-axialys', 'avaya-demo', 'telphin-demo'];

/** Which top-level fields of each vendor's config hold secrets. */
export const SECRET_FIELDS = {
  wolkvox: ['token'],
  axialys: ['password'],
  avaya: ['clientSecret', 'appKey'],
  telphin: ['clientSecret'],
  collector: ['accessToken'],
} as const satisfies Record<SourceConfig['vendor'], readonly string[]>;

/** URL fields checked by the loopback rule. */
export const URL_FIELDS = ['baseUrl', 'authUrl', 'tokenUrl', 'socketUrl', 'apiBaseUrl', 'url'] as const;

/**
 * CONTRACT.md: `http://`/`ws://` only for loopback hosts unless `allowInsecure`.
 * Returns the offending field and a message, or null.
 */
export function insecureUrlProblem(cfg: SourceConfig): { field: string; message: string } | null {
  if (cfg.allowInsecure) return null;
  const record = cfg as Record<string, unknown>;
  const candidates: [string, unknown][] = URL_FIELDS.map((f) => [f, record[f]]);
  if (cfg.vendor === 'telphin' && cfg.webhook) candidates.push(['webhook.publicUrl', cfg.webhook.publicUrl]);
  // A Wolkvox server given as an address (not a code or a host, which get https://) is one too.
  if (cfg.vendor === 'wolkvox' && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(String(cfg.server))) candidates.push(['server', String(cfg.server)]);
  for (const [field, value] of candidates) {
    if (typeof value !== 'string') continue;
    const parts = urlParts(value);
    if (!parts) continue;
    if ((parts.scheme === 'http' || parts.scheme === 'ws') && !isLoopbackHost(parts.host)) {
      return {
        field,
        message: `plain ${parts.scheme}:// is only allowed for loopback hosts; use ${parts.scheme}s:// or set "allowInsecure": true`,
      };
    }
  }
  return null;
}

/** The first non-empty value of one of `names` in a query string (form-decoded); null when none. */
function queryValue(query: string, names: readonly string[]): string | null {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const decode = (t: string) => {
      try {
        return decodeURIComponent(t.replace(/\+/g, ' '));
      } catch {
        return '';
      }
    };
    if (eq > 0 && names.includes(decode(pair.slice(0, eq)))) {
      const value = decode(pair.slice(eq + 1));
      if (value) return value;
    }
  }
  return null;
}

/** Query parameters a collector's address may carry its access token in (the address it prints has `?token=`). */
const URL_TOKEN_PARAMS = ['token', 'access_token'];

/**
 * A collector source's address as it is kept and shown: without query, fragment or user info, which
 * would carry a credential into the settings, every dashboard and an export. The address the
 * collector prints (`http://host:8787/?token=…`) pasted whole gives its token to `accessToken` when
 * that is not set. Other sources, and a collector address with nothing to remove, are returned as they are.
 */
export function withCollectorAddress<T extends Record<string, unknown>>(cfg: T): T {
  if (cfg.vendor !== 'collector' || typeof cfg.url !== 'string') return cfg;
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#@]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(cfg.url.trim());
  if (!m || (cfg.url.trim() === `${m[1]}${m[2]}`)) return cfg;
  const out: Record<string, unknown> = { ...cfg, url: `${m[1]}${m[2]}` };
  if (m[3] && !(typeof cfg.accessToken === 'string' && cfg.accessToken)) {
    const token = queryValue(m[3].slice(1), URL_TOKEN_PARAMS);
    if (token) out.accessToken = token;
  }
  return out as T;
}

/** The view of a source config the renderer may see: secrets replaced by whether they are set. */
export type SourceConfigView = SourceConfig extends infer C
  ? C extends SourceConfig
    ? Omit<C, 'token' | 'password' | 'clientSecret' | 'accessToken' | 'appKey'> & { secrets: Record<string, boolean> }
    : never
  : never;

/** Strips every secret field, keeping only whether it is set. */
export function toSourceView(cfg: SourceConfig): SourceConfigView {
  const copy: Record<string, unknown> = withCollectorAddress({ ...cfg });
  const secrets: Record<string, boolean> = {};
  for (const field of SECRET_FIELDS[cfg.vendor]) {
    secrets[field] = typeof copy[field] === 'string' && (copy[field] as string).length > 0;
    delete copy[field];
  }
  if (cfg.vendor === 'telphin' && cfg.webhook) {
    copy.webhook = { publicUrl: cfg.webhook.publicUrl };
    secrets['webhook.secret'] = Boolean(cfg.webhook.secret);
  }
  return { ...copy, secrets } as SourceConfigView;
}

/**
 * The Telphin webhook receiver's handler (the HTTP layer — body limit, header limits, routing by
 * secret — belongs to whoever mounts `/hooks/telphin/{secret}`). Telphin sends the fields as query
 * parameters for GET and as an `application/x-www-form-urlencoded` body for POST (seed 004; its
 * text says "header" for GET but its own example reads `$_GET`), so query, body and — defensively —
 * JSON bodies and headers are read. Refused requests (400, 405, 413, 429) never change the state and
 * are counted with the source.
 */
import { createHmac } from 'node:crypto';
import type { TelphinSourceConfig } from '../../../shared/sources';
import type { Clock } from '../../util/clock';
import { registerSecret } from '../../util/redact';
import type { WebhookHandler, WebhookRequest, WebhookResponse } from '../../webhooks';
import type { SourceHealth } from '../types';
import { oneLine } from '../../../shared/unsafe-text';
import { WebhookFieldsSchema, type WebhookFields } from './wire';
import { formFields } from './webhook-form';

const FIELDS = ['agent_id', 'agent_status', 'agent_type', 'agent_number', 'extension_name', 'event_source'] as const;

/** The secret path segment: configured, or derived from the client secret and the source id. */
export function webhookSecret(config: Pick<TelphinSourceConfig, 'id' | 'clientSecret' | 'webhook'>): string {
  const secret = config.webhook?.secret ?? createHmac('sha256', config.clientSecret).update(`telphin-webhook:${config.id}`).digest('base64url');
  registerSecret(secret);
  return secret;
}

/** `{publicUrl}/hooks/telphin/` — every subscription whose URL starts with it is ours. */
export function hookPrefix(publicUrl: string): string {
  return `${publicUrl.trim().replace(/\/+$/, '')}/hooks/telphin/`;
}

export function hookUrl(publicUrl: string, secret: string): string {
  return `${hookPrefix(publicUrl)}${secret}`;
}

/** A token bucket: `capacity` requests at once, refilled at `perSec`. Time comes from the clock. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 60,
    private readonly perSec = 20,
  ) {
    this.tokens = capacity;
    this.last = clock.now();
  }

  /** `now`: the caller's reading of the clock, when it has one (one reading per request). */
  take(now = this.clock.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSec);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

type Collected = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

/** The fields of a query string or form body into `into`; the refusal when one is given twice. */
function fromParams(params: URLSearchParams, into: Record<string, unknown>): string | null {
  for (const f of FIELDS) {
    const all = params.getAll(f);
    if (all.length > 1) return `${f} given ${all.length} times`;
    if (all.length === 1) into[f] = all[0];
  }
  return null;
}

/** Header spellings per field: `agent_id`, `agent-id`, `x-agent-id`. */
const HEADER_NAMES = FIELDS.map((f) => [f, [f, f.replace(/_/g, '-'), `x-${f.replace(/_/g, '-')}`]] as const);

function fromHeaders(headers: WebhookRequest['headers'], into: Record<string, unknown>): void {
  for (const [f, names] of HEADER_NAMES) {
    for (const name of names) {
      const v = headers[name];
      if (typeof v === 'string') {
        into[f] = v;
        break;
      }
    }
  }
}

/**
 * The fields of a request: from the query string and the body (form or JSON), each at most once —
 * a field given twice in one of them, or in both (whatever the values), is refused. Headers are only
 * a fallback for a field neither gives.
 */
export function collectFields(req: WebhookRequest): Collected {
  const query: Record<string, unknown> = {};
  const dup = fromParams(req.query, query);
  if (dup) return { ok: false, reason: dup };
  const read = bodyFields(req);
  if (!read.ok) return read;
  const body = read.fields;
  for (const f of FIELDS) {
    if (query[f] !== undefined && body[f] !== undefined) return { ok: false, reason: `${f} given both in the query string and in the body` };
  }
  const fields: Record<string, unknown> = {};
  fromHeaders(req.headers, fields);
  return { ok: true, fields: Object.assign(fields, query, body) };
}

/** The fields of the body: a form, or a JSON object. */
function bodyFields(req: WebhookRequest): Collected {
  const fields: Record<string, unknown> = {};
  const body = req.body && req.body.length ? req.body.toString('utf8') : '';
  if (body.trim() === '') return { ok: true, fields };
  const type = (req.contentType ?? '').toLowerCase();
  if (type.includes('json') || (!type && body.trimStart().startsWith('{'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, reason: 'the JSON body does not parse' };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, reason: 'the JSON body is not an object' };
    for (const f of FIELDS) if ((parsed as Record<string, unknown>)[f] !== undefined) fields[f] = (parsed as Record<string, unknown>)[f];
    return { ok: true, fields };
  }
  const dupBody = fromParams(new URLSearchParams(body), fields);
  return dupBody ? { ok: false, reason: dupBody } : { ok: true, fields };
}

/** The fields of a refused request as they may be logged: JSON, control characters escaped. */
function logSample(fields: Record<string, unknown>): string {
  return oneLine(JSON.stringify(fields));
}

export interface WebhookDeps {
  clock: Clock;
  health: SourceHealth;
  bucket: TokenBucket;
  /** Applies an accepted delivery (synchronously). */
  accept(fields: WebhookFields, at: number): void;
}

/** The answer to an accepted delivery (never modified). */
const NO_CONTENT: WebhookResponse = Object.freeze({ status: 204 });

export function createWebhookHandler(deps: WebhookDeps): WebhookHandler {
  let refusedInFlood = 0;
  let refusedTotal = 0;
  /** False (and counted) when the request is over the rate: one log line per flood, not one per request. */
  const admit = (now: number): boolean => {
    if (deps.bucket.take(now)) {
      refusedInFlood = 0;
      return true;
    }
    refusedTotal++;
    if (refusedInFlood++ === 0) deps.health.rejected('Telphin webhook flood: refusing requests (429) until the rate drops');
    deps.health.setInfo('webhooksRefused', refusedTotal);
    return false;
  };
  /** A request refused before its fields are read: counted, and logged unless in a flood (counted there). */
  const refuse = (reason: string, now = deps.clock.now()): void => {
    if (admit(now)) deps.health.rejected(`Telphin webhook refused: ${reason}`);
  };
  const handler: WebhookHandler = (req): WebhookResponse => {
    // One reading of the clock per request: the rate limit's and the event's time.
    const now = deps.clock.now();
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      refuse(`method ${oneLine(method.slice(0, 32))} not allowed`, now);
      return { status: 405, body: 'use GET or POST' };
    }
    if (!admit(now)) return { status: 429, body: 'too many webhook requests' };
    const usual = formFields(req);
    if (usual) {
      deps.accept(usual, now);
      return NO_CONTENT;
    }
    const collected = collectFields(req);
    if (!collected.ok) {
      deps.health.rejected(`Telphin webhook: ${collected.reason}`);
      return { status: 400, body: collected.reason };
    }
    const parsed = WebhookFieldsSchema.safeParse(collected.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'request';
      const missing = issue?.path.length === 1 && collected.fields[String(issue.path[0])] === undefined;
      const reason = issue ? `${field}: ${missing ? 'missing' : issue.message}` : 'malformed';
      // The reason names the field, never its value; the sample is escaped.
      deps.health.rejected(`Telphin webhook refused (${reason})`, logSample(collected.fields));
      return { status: 400, body: reason };
    }
    deps.accept(parsed.data, now);
    return NO_CONTENT;
  };
  // A request the HTTP side refused before handling (a wrong method, a body over the limit): counted like the others.
  handler.refused = (reason) => refuse(reason);
  return handler;
}

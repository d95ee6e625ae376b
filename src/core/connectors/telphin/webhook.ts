/**
 * The Telphin webhook receiver's handler (the HTTP layer — body limit, header limits, routing by
 * secret — belongs to whoever mounts `/hooks/telphin/{secret}`). Telphin sends the fields as query
 * parameters for GET and as an `application/x-www-form-urlencoded` body for POST (seed 004; its
 * text says "header" for GET but its own example reads `$_GET`), so query, body and — defensively —
 * JSON bodies and headers are read. Refused requests (400, 405, 429) never change the state.
 */
import { createHmac } from 'node:crypto';
import type { TelphinSourceConfig } from '../../../shared/sources';
import type { Clock } from '../../util/clock';
import { registerSecret } from '../../util/redact';
import type { WebhookHandler, WebhookRequest, WebhookResponse } from '../../webhooks';
import type { SourceHealth } from '../types';
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

/** Fields from headers, then query, then body (later sources win). */
export function collectFields(req: WebhookRequest): Collected {
  const fields: Record<string, unknown> = {};
  fromHeaders(req.headers, fields);
  const dup = fromParams(req.query, fields);
  if (dup) return { ok: false, reason: dup };
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
  const handler: WebhookHandler = (req): WebhookResponse => {
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST') {
      deps.health.rejected(`Telphin webhook: method ${method} not allowed`);
      return { status: 405, body: 'use GET or POST' };
    }
    // One reading of the clock per request: the rate limit's and the event's time.
    const now = deps.clock.now();
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
      deps.health.rejected(`Telphin webhook refused (${reason})`, collected.fields);
      return { status: 400, body: reason };
    }
    deps.accept(parsed.data, now);
    return NO_CONTENT;
  };
  // A request the HTTP side refused before handling (a body over the limit): counted like the others.
  handler.refused = (reason) => {
    if (admit(deps.clock.now())) deps.health.rejected(`Telphin webhook refused: ${reason}`);
  };
  return handler;
}

/**
 * Telphin: the real connector in webhook mode registers its receiver in the engine's webhook registry;
 * a frame is one webhook request as the collector's HTTP layer hands it over (method, parsed query
 * string, headers, a body of at most 64 KB, content type), routed by the registry to the connector's
 * handler (flood guard, field collection, schema, agent book, events). The connector's API calls fail
 * (no server): webhooks must be taken whatever the rest of the source is doing.
 */
import { telphinFactory, webhookSecret } from '../../../src/core/connectors/telphin';
import type { ConnectorFactory } from '../../../src/core/connectors/types';
import type { WebhookRequest } from '../../../src/core/webhooks';
import type { TelphinSourceConfig } from '../../../src/shared/sources';
import { WEBHOOK_BODY_LIMIT } from '../../../src/server/hooks';
import { hostileScalar, type Json } from '../lib/hostile';
import { encode, mutateValue, poolsOf } from '../lib/mutate';
import type { Rng } from '../lib/prng';
import { FuzzRig } from '../lib/rig';
import { fixture, type Driver } from '../lib/run';

const hooks = fixture('telphin', 'webhook.json') as Record<string, Json>;

/** A form string as an object; repeated names become arrays. */
function formObject(form: string): Json {
  const out: Record<string, Json> = {};
  for (const [k, v] of new URLSearchParams(form)) {
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}

const SEEDS: Json[] = Object.values(hooks).map((v) => (typeof v === 'string' ? formObject(v) : v));
const GOOD: Json[] = [formObject(hooks.seedQuery as string), formObject(hooks.remoteForm as string), formObject(hooks.unknownStatusForm as string), hooks.numbersJson!];
const POOLS = poolsOf(SEEDS);
const FIELDS = ['agent_id', 'agent_status', 'agent_type', 'agent_number', 'extension_name', 'event_source'];
const RAW_ESCAPES = ['%ZZ', '%', '%C0%AF', '%FF', '%E2%82', '%00', '%F0%9F%98%80', '+', '&&', '=', '%3D%26'];

function scalarText(v: Json): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return '[deep]';
  }
}

/** Percent-encoding that survives lone surrogates (they become U+FFFD, as a browser would send them). */
function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** `a=1&b=2` from the mutated fields: arrays repeat a name, objects go as JSON, raw escapes now and then. */
function formText(value: Json, rng: Rng): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return enc(scalarText(value));
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const v = value[key]!;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${enc(key)}=${enc(scalarText(item))}`);
  }
  if (rng.chance(0.15)) parts.splice(rng.int(0, parts.length), 0, `${rng.pick(FIELDS)}=${rng.pick(RAW_ESCAPES)}`);
  return parts.join('&');
}

function headersOf(rng: Rng): WebhookRequest['headers'] {
  const headers: WebhookRequest['headers'] = { host: '127.0.0.1', 'user-agent': 'Telphin' };
  if (rng.chance(0.1)) {
    const field = rng.pick(FIELDS);
    const name = rng.pick([field, field.replace(/_/g, '-'), `x-${field.replace(/_/g, '-')}`]);
    headers[name] = rng.chance(0.2) ? [scalarText(hostileScalar(rng)), 'x'] : scalarText(hostileScalar(rng));
  }
  return headers;
}

/** The collector reads at most 16 KB of headers, request line included. */
const MAX_QUERY = 16 * 1024 - 200;
const TYPES = ['', 'text/plain', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=ISO-8859-1', 'application/xml', '*/*;;;'];

export interface TelphinRig extends FuzzRig {
  secret: string;
}

export const telphinDriver: Driver<TelphinRig> = {
  vendor: 'telphin',
  async setup(seed) {
    const config: TelphinSourceConfig = {
      id: 'tp',
      vendor: 'telphin',
      apiBaseUrl: 'http://127.0.0.1:9/api/ver1.0',
      tokenUrl: 'http://127.0.0.1:9/oauth/token',
      clientId: 'fuzz-telphin-app',
      clientSecret: 'fuzz-telphin-secret-4b7e',
      clientRef: '@me',
      pollSec: 120,
      webhook: { publicUrl: 'https://collector.invalid' },
    };
    const rig = new FuzzRig({ config, factory: telphinFactory as unknown as ConnectorFactory, start: true, seed }) as TelphinRig;
    rig.secret = webhookSecret(config);
    if (rig.engine.webhooks.size !== 1) throw new Error('the Telphin receiver was not registered');
    return rig;
  },
  frame(rig, rng, index) {
    const value = mutateValue(rng.chance(0.7) ? rng.pick(GOOD) : rng.pick(SEEDS), rng, POOLS);
    const r = rng.next();
    const method = r < 0.55 ? 'POST' : r < 0.96 ? 'GET' : rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    let query = '';
    let body: Buffer | null = null;
    let contentType: string | null = null;
    if (method === 'GET') {
      query = formText(value, rng);
      if (rng.chance(0.1)) body = Buffer.from(formText(hostileScalar(rng), rng));
    } else if (rng.chance(0.7)) {
      body = Buffer.from(formText(value, rng), 'utf8');
      if (rng.chance(0.1)) body = Buffer.concat([body, Buffer.from([rng.pick([0xff, 0xc0, 0x80, 0xed])])]);
      contentType = rng.chance(0.85) ? 'application/x-www-form-urlencoded' : rng.pick(TYPES);
    } else {
      body = encode(value, rng, POOLS);
      contentType = rng.chance(0.8) ? 'application/json' : rng.pick(TYPES);
    }
    // Larger requests never reach the handler: the HTTP layer answers 413 (body) or 431 (request line) first.
    if (body && body.length > WEBHOOK_BODY_LIMIT) body = body.subarray(0, WEBHOOK_BODY_LIMIT);
    if (query.length > MAX_QUERY) query = query.slice(0, MAX_QUERY);
    const req: WebhookRequest = { method, query: new URLSearchParams(query), headers: headersOf(rng), body, contentType, remoteAddress: '127.0.0.1' };
    return {
      size: query.length + (body?.length ?? 0),
      describe: () => `#${index} ${method} ?${query.slice(0, 120)} [${contentType}] ${body?.toString('utf8').slice(0, 160) ?? ''}`,
      deliver: async () => {
        // 100 ms between deliveries: below the receiver's flood threshold (20 per second).
        await rig.clock.advance(100);
        const res = rig.engine.webhooks.handle('telphin', rig.secret, req);
        if (res.status === 204) return 'accepted';
        if (res.status === 429) return 'refused';
        return undefined;
      },
    };
  },
  after(rig) {
    const problems: string[] = [];
    if (rig.engine.webhooks.size !== 1) problems.push('the webhook receiver was unregistered');
    if (rig.tally.refused) problems.push(`${rig.tally.refused} paced deliveries were refused as a flood`);
    return problems;
  },
};

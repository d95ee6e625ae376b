import { SourceConfigSchema } from '../../src/shared/sources';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { collectFields, createWebhookHandler, hookPrefix, hookUrl, TokenBucket, webhookSecret } from '../../src/core/connectors/telphin/webhook';
import type { WebhookFields } from '../../src/core/connectors/telphin/wire';
import type { SourceHealth } from '../../src/core/connectors/types';
import type { WebhookRequest } from '../../src/core/webhooks';
import { redactText } from '../../src/core/util/redact';
import hooks from '../fixtures/telphin/webhook.json';

function health() {
  const h = {
    rejected: [] as string[],
    samples: [] as unknown[],
    info: {} as Record<string, unknown>,
    api: {
      status: 'live',
      setStatus: () => undefined,
      setMode: () => undefined,
      setInfo: (k: string, v: unknown) => void (h.info[k] = v),
      rejected: (r: string, sample?: unknown) => void (h.rejected.push(r), h.samples.push(sample)),
      unknown: () => undefined,
    } as SourceHealth,
  };
  return h;
}

function setup(capacity = 60, perSec = 20) {
  const clock = new FakeClock();
  const h = health();
  const accepted: WebhookFields[] = [];
  const handler = createWebhookHandler({ clock, health: h.api, bucket: new TokenBucket(clock, capacity, perSec), accept: (f) => accepted.push(f) });
  return { clock, h, accepted, handler };
}

const get = (query: string, headers: WebhookRequest['headers'] = {}): WebhookRequest => ({ method: 'GET', query: new URLSearchParams(query), headers, body: null, contentType: null, remoteAddress: '127.0.0.1' });
const post = (body: string | object, contentType = 'application/x-www-form-urlencoded', query = ''): WebhookRequest => ({
  method: 'POST',
  query: new URLSearchParams(query),
  headers: {},
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  contentType,
  remoteAddress: '127.0.0.1',
});

describe('Telphin webhook handler', () => {
  it('accepts the seed\'s GET delivery from the query string', () => {
    const { handler, accepted } = setup();
    expect(handler(get(hooks.seedQuery))).toEqual({ status: 204 });
    expect(accepted).toEqual([{ agent_id: '136', agent_status: 'available', agent_type: 'local', extension_name: '000*094@ringme.ru', event_source: 'api' }]);
  });

  it('accepts POST form bodies, JSON bodies with numbers, and fields in headers', () => {
    const { handler, accepted } = setup();
    expect(handler(post(hooks.remoteForm)).status).toBe(204);
    expect(handler(post(hooks.numbersJson, 'application/json; charset=utf-8')).status).toBe(204);
    expect(handler(get('', { agent_id: '140', 'agent-status': 'logged_out', 'x-agent-type': 'local' })).status).toBe(204);
    expect(accepted[0]).toMatchObject({ agent_id: '201', agent_status: 'logged_out', agent_type: 'remote', agent_number: '79161234567', event_source: 'phone' });
    expect(accepted[1]).toEqual({ agent_id: '136', agent_status: 'available', agent_type: 'local', event_source: 'phone' });
    expect(accepted[2]).toMatchObject({ agent_id: '140', agent_status: 'logged_out', agent_type: 'local' });
  });

  it('accepts an unknown agent_status (mapped to unknown later)', () => {
    const { handler, accepted } = setup();
    expect(handler(post(hooks.unknownStatusForm)).status).toBe(204);
    expect(accepted[0]!.agent_status).toBe('on_break');
  });

  it.each([
    ['missing agent_id', () => get(hooks.missingAgentId), /agent_id: missing/],
    ['empty agent_id', () => get(hooks.emptyAgentId), /agent_id/],
    ['missing agent_status', () => post(hooks.missingStatus), /agent_status: missing/],
    ['unknown agent_type', () => get(hooks.wrongType), /agent_type/],
    ['markup in agent_id', () => get(hooks.hostileId), /agent_id/],
    ['agent_id twice', () => get(hooks.duplicateId), /given 2 times/],
    ['an object as agent_id', () => post(hooks.objectIdJson, 'application/json'), /agent_id/],
    ['a JSON array', () => post(hooks.arrayJson, 'application/json'), /not an object/],
    ['broken JSON', () => post('{"agent_id": ', 'application/json'), /does not parse/],
  ])('refuses %s with 400, counted, without accepting anything', (_name, req, reason) => {
    const { handler, accepted, h } = setup();
    const res = handler(req());
    expect(res.status).toBe(400);
    expect(res.body).toMatch(reason);
    expect(accepted).toEqual([]);
    expect(h.rejected).toHaveLength(1);
  });

  it('refuses other methods with 405', () => {
    const { handler, accepted } = setup();
    expect(handler({ ...get(hooks.seedQuery), method: 'PUT' }).status).toBe(405);
    expect(accepted).toEqual([]);
  });

  it('refuses floods with 429 (token bucket), logs once per flood, and recovers as tokens refill', async () => {
    const { handler, accepted, h, clock } = setup(5, 1);
    const statuses = Array.from({ length: 8 }, () => handler(get(hooks.seedQuery)).status);
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429, 429, 429]);
    expect(accepted).toHaveLength(5);
    expect(h.rejected).toHaveLength(1);
    expect(h.info.webhooksRefused).toBe(3);
    await clock.advance(2000);
    expect(handler(get(hooks.seedQuery)).status).toBe(204);
    expect(handler(get(hooks.seedQuery)).status).toBe(204);
    expect(handler(get(hooks.seedQuery)).status).toBe(429);
    expect(h.rejected).toHaveLength(2);
  });

  it('refuses a field given both in the query string and in the body (form or JSON), whatever the values', () => {
    for (const req of [
      post('agent_id=136&agent_status=available', 'application/x-www-form-urlencoded', 'agent_id=137'),
      post('agent_id=136&agent_status=available', 'application/x-www-form-urlencoded', 'agent_id=136'),
      post('agent_id=136&agent_status=available', 'application/x-www-form-urlencoded', 'agent_status='),
      post({ agent_id: 136, agent_status: 'available' }, 'application/json', 'agent_id=137'),
    ]) {
      const { handler, accepted, h } = setup();
      const res = handler(req);
      expect(res.status, req.query.toString()).toBe(400);
      expect(res.body).toMatch(/^agent_(id|status) given both in the query string and in the body$/);
      expect(accepted).toEqual([]);
      expect(h.rejected).toHaveLength(1);
      expect(h.rejected[0]).toMatch(/given both in the query string and in the body/);
    }
    // Different fields in the query and in the body are read together; headers are only a fallback.
    expect(collectFields(post('agent_status=available', 'application/x-www-form-urlencoded', 'agent_id=1'))).toEqual({ ok: true, fields: { agent_id: '1', agent_status: 'available' } });
    expect(collectFields({ ...get('agent_id=2&agent_status=available'), headers: { 'x-agent-id': '1' } })).toEqual({ ok: true, fields: { agent_id: '2', agent_status: 'available' } });
  });

  it('counts a refused method, and keeps counting it out of the log during a flood', () => {
    const { handler, h } = setup(2, 1);
    expect(handler({ ...get(hooks.seedQuery), method: 'DELETE' }).status).toBe(405);
    expect(h.rejected).toEqual(['Telphin webhook refused: method DELETE not allowed']);
    handler.refused!('method PUT not allowed');
    expect(h.rejected).toHaveLength(2);
    // over the rate: still 405, counted as refused in the flood, one log line
    expect(handler({ ...get(hooks.seedQuery), method: 'PUT' }).status).toBe(405);
    expect(handler({ ...get(hooks.seedQuery), method: 'PUT' }).status).toBe(405);
    expect(h.rejected).toHaveLength(3);
    expect(h.info.webhooksRefused).toBe(2);
  });

  describe('control and bidirectional-formatting characters', () => {
    const BAD = ['\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u202a', '\u202e', '\u2066', '\u2069'];
    const FIELD_VALUES: [string, string][] = [
      ['agent_id', '136'],
      ['agent_status', 'available'],
      ['agent_type', 'local'],
      ['agent_number', '79161234567'],
      ['extension_name', '000*094@ringme.ru'],
      ['event_source', 'api'],
    ];
    const form = (field: string, value: string) =>
      new URLSearchParams({ ...Object.fromEntries(FIELD_VALUES), [field]: value }).toString();

    /** A character that must never reach the state or the log as it is. */
    const unsafe = (text: string) => [...text].some((c) => BAD.includes(c) || /[\p{Cc}]/u.test(c));

    it.each(FIELD_VALUES)('refuses %s with one inside the value: 400, counted, the field named, the value never echoed', (field, good) => {
      for (const ch of BAD) {
        const value = `${good.slice(0, 2)}${ch}2026-01-01 ERROR FORGED`;
        for (const req of [post(form(field, value)), get(form(field, value)), post({ ...Object.fromEntries(FIELD_VALUES), [field]: value }, 'application/json')]) {
          const { handler, accepted, h } = setup();
          const res = handler(req);
          const what = `${field} ${JSON.stringify(ch)} ${req.method} ${req.contentType}`;
          expect(res.status, what).toBe(400);
          expect(res.body, what).toMatch(new RegExp(`^${field}: `));
          expect(unsafe(res.body!), what).toBe(false);
          expect(res.body, what).not.toContain('FORGED');
          expect(accepted, what).toEqual([]);
          expect(h.rejected, what).toHaveLength(1);
          // what reaches the log: the reason and the sample as the source health writes it (JSON)
          expect(unsafe(h.rejected[0]!) || unsafe(JSON.stringify(h.samples[0]) ?? ''), what).toBe(false);
        }
      }
    });

    it('still trims spaces and line breaks around a value (they are never stored)', () => {
      const { handler, accepted } = setup();
      expect(handler(post('agent_id=136&agent_status=available%0D%0A&event_source=%09api')).status).toBe(204);
      expect(handler(get('agent_id=%20136%0A&agent_status=%0Alogged_out')).status).toBe(204);
      expect(accepted).toEqual([
        { agent_id: '136', agent_status: 'available', event_source: 'api' },
        { agent_id: '136', agent_status: 'logged_out' },
      ]);
    });

    it('accepts other non-ASCII text (Cyrillic names, the "@" of an extension)', () => {
      const { handler, accepted } = setup();
      expect(handler(post(new URLSearchParams({ agent_id: '136', agent_status: 'на_перерыве', extension_name: 'Анна@ringme.ru' }).toString())).status).toBe(204);
      expect(accepted[0]).toMatchObject({ agent_status: 'на_перерыве', extension_name: 'Анна@ringme.ru' });
    });
  });
});

describe('Telphin webhook secret and URL', () => {
  const cfg = { id: 'tp', clientSecret: 'client-secret-value', webhook: { publicUrl: 'https://collector.example.com/' } };

  it('derives a stable, URL-safe secret of 32+ characters per source, and registers it for redaction', () => {
    const a = webhookSecret(cfg);
    expect(a).toBe(webhookSecret({ ...cfg }));
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(webhookSecret({ ...cfg, id: 'other' })).not.toBe(a);
    expect(webhookSecret({ ...cfg, clientSecret: 'another-secret' })).not.toBe(a);
    expect(redactText(`url ${hookUrl(cfg.webhook.publicUrl, a)}`)).not.toContain(a);
  });

  it('uses the configured secret when given', () => {
    expect(webhookSecret({ ...cfg, webhook: { ...cfg.webhook, secret: 'configured-secret-123456' } })).toBe('configured-secret-123456');
  });

  it('refuses a configured secret the receiver could never match: too long, or with characters a URL escapes', () => {
    const source = (secret: string) => SourceConfigSchema.safeParse({ id: 'tp', vendor: 'telphin', clientId: 'c', clientSecret: 's', webhook: { publicUrl: 'https://c.example.com', secret } });
    for (const bad of ['x'.repeat(257), 'short-secret', 'has/a/slash-0123456', 'has a space-0123456', 'query?-0123456789', 'percent%2F-0123456789']) {
      const r = source(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/16 to 256 letters, digits/);
    }
    for (const good of ['x'.repeat(256), 'A.b_c~d-0123456789', 'env:TP_HOOK_SECRET', 'safe:tp/webhook.secret']) expect(source(good).success, good).toBe(true);
  });

  it('builds the hook URL under {publicUrl}/hooks/telphin/', () => {
    expect(hookPrefix('https://c.example.com//')).toBe('https://c.example.com/hooks/telphin/');
    expect(hookUrl('https://c.example.com', 'abc')).toBe('https://c.example.com/hooks/telphin/abc');
  });
});

describe('source ids', () => {
  it('refuses the names every JavaScript object already has, with the usual characters rule otherwise', () => {
    const id = (value: string) => SourceConfigSchema.safeParse({ id: value, vendor: 'collector', url: 'https://c.example.com' });
    for (const reserved of ['__proto__', 'constructor', 'prototype']) expect(id(reserved).error?.issues[0]?.message, reserved).toBe('this id is reserved: choose another');
    expect(id('bog-1_a').success).toBe(true);
    expect(id('bad id').error?.issues[0]?.message).toBe('use 1–40 letters, digits, "-" or "_"');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonText, parseUpdate } from '../../src/core/connectors/axialys/wire';
import { directoryEvents, parseDirectory, pauseName } from '../../src/core/connectors/axialys/directory';
import { formatExpire, parseExpire, tokenLifetime, DEFAULT_LIFETIME_MS } from '../../src/core/connectors/axialys/expire';
import { classifyHandshake } from '../../src/core/connectors/axialys/probe';
import { socketEndpoint } from '../../src/core/connectors/axialys/socket';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/axialys/${name}`, import.meta.url), 'utf8'));
const variants = fixture('variants.json');
const auth = fixture('auth-responses.json');
const docs: { name: string; text: string }[] = fixture('doc-examples.json').examples;

describe('Axialys wire parsing', () => {
  it('parses every documented example, typographic quotes included', () => {
    for (const d of docs) expect(parseUpdate(d.text).ok, d.name).toBe(true);
    expect(parseJsonText('{“a”: ”92″}')).toEqual({ a: '92' });
  });

  it('accepts the envelope, the whole packet, a bare event and a JSON string of each', () => {
    const bare = { msg: { id_operator: 1 }, type_notification: 'UI', event: 'login' };
    const env = { ts: 1700000000, elapse: 0, cpt: 5, event: bare };
    for (const raw of [env, ['update', env], bare, JSON.stringify(env), JSON.stringify(['update', env])]) {
      const r = parseUpdate(raw);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.frame.event).toMatchObject({ type_notification: 'UI', event: 'login', msg: { id_operator: 1 } });
    }
    const r = parseUpdate(variants.frames.statusNumbersAsStrings);
    expect(r.ok && r.frame).toMatchObject({ ts: 1700000000, elapse: 2, cpt: 15 });
  });

  it('reports unusable payloads with a reason instead of throwing', () => {
    for (const raw of variants.unusable) {
      const r = parseUpdate(raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/update/);
    }
  });
});

describe('Axialys names directory', () => {
  it('reads the documented lists with ids as strings and group memberships', () => {
    const dir = parseDirectory(auth.supervisorInit)!;
    expect(dir.ops.get('8')).toEqual({ name: 'Camille Martin', groups: ['391', '392'] });
    expect(dir.ops.get('2')).toEqual({ name: 'Hugo Bernard', groups: ['8'] });
    expect(dir.ops.get('1')).toEqual({ name: null, groups: [] });
    expect([...dir.groupes]).toEqual([['391', 'Service client'], ['392', 'Support technique'], ['8', 'Standard']]);
    expect(dir.trunks.get('346223')).toBe('Acheminement national');
    expect(pauseName(dir, '2')).toBe('Formation');
    expect(pauseName(dir, 'user1')).toBe('user1');
    expect(pauseName(dir, undefined)).toBeNull();
  });

  it('reads lists keyed by id, with bare names', () => {
    const dir = parseDirectory(auth.keyedById)!;
    expect(dir.ops.get('9')).toEqual({ name: 'Lucas Thomas', groups: [] });
    expect(dir.ops.get('8')?.groups).toEqual(['391']);
    expect(dir.groupes.get('391')).toBe('Service client');
    expect(dir.pauses.get('1')).toBe('Déjeuner');
  });

  it('has no directory when the answer carries none', () => {
    expect(parseDirectory(auth.refresh)).toBeNull();
  });

  it('names operators, queues and trunks, then syncs away what disappeared', () => {
    const events = directoryEvents(parseDirectory(auth.supervisorInit)!, 'ax');
    expect(events).toContainEqual({ type: 'agent', id: '8', scope: 'directory', set: { name: 'Camille Martin', queues: ['ax:391', 'ax:392'] } });
    expect(events).toContainEqual({ type: 'queue', id: 'trunk-346223', scope: 'directory', set: { kind: 'trunk', name: 'Acheminement national' } });
    expect(events.at(-1)).toEqual({ type: 'sync', collection: 'agents', scope: 'directory', ids: ['8', '2', '1'] });
    expect(events.at(-2)).toEqual({ type: 'sync', collection: 'queues', scope: 'directory', ids: ['391', '392', '8', 'trunk-346223'] });
  });
});

describe('Axialys token expiry', () => {
  const now = Date.UTC(2026, 10, 21, 9, 0, 0);
  it('parses the documented yyyy-mm-ddThh-mm-ss.000000+GMT format and variants', () => {
    expect(parseExpire('2026-11-21T11-00-00.000000+GMT')).toBe(Date.UTC(2026, 10, 21, 11, 0, 0));
    expect(parseExpire('2026-11-21t10-30-00.000000+gmt')).toBe(Date.UTC(2026, 10, 21, 10, 30, 0));
    expect(parseExpire('2026-11-21T11:00:00Z')).toBe(Date.UTC(2026, 10, 21, 11, 0, 0));
    expect(parseExpire('2026-11-21T12:00:00+01:00')).toBe(Date.UTC(2026, 10, 21, 11, 0, 0));
    expect(parseExpire(1795338000)).toBe(1795338000_000);
    expect(parseExpire('1795338000')).toBe(1795338000_000);
    expect(parseExpire('')).toBeNull();
    expect(parseExpire('tomorrow')).toBeNull();
    expect(parseExpire(formatExpire(now + 7_200_000))).toBe(now + 7_200_000);
  });

  it('falls back to 2 h when expire is missing, past or implausible', () => {
    expect(tokenLifetime('2026-11-21T11-00-00.000000+GMT', now)).toEqual({ expiresAt: now + 7_200_000, lifetimeMs: 7_200_000, fallback: false });
    expect(tokenLifetime('2026-11-21T09-30-00.000000+GMT', now)).toEqual({ expiresAt: now + 1_800_000, lifetimeMs: 1_800_000, fallback: false });
    // Paris time labelled GMT (or this clock behind): 4 h stated, the documented 2 h believed.
    expect(tokenLifetime('2026-11-21T13-00-00.000000+GMT', now)).toEqual({ expiresAt: now + 7_200_000, lifetimeMs: 7_200_000, fallback: false });
    for (const bad of [undefined, '', '2020-01-01T00-00-00.000000+GMT', '2030-01-01T00-00-00.000000+GMT']) {
      expect(tokenLifetime(bad, now)).toEqual({ expiresAt: now + DEFAULT_LIFETIME_MS, lifetimeMs: DEFAULT_LIFETIME_MS, fallback: true });
    }
  });
});

describe('Socket.IO version detection and endpoint', () => {
  it('tells Engine.IO 4 from Engine.IO 3 by the handshake body', () => {
    expect(classifyHandshake('0{"sid":"abc","upgrades":["websocket"]}')).toBe('v4');
    expect(classifyHandshake('96:0{"sid":"abc","upgrades":["websocket"]}2:40')).toBe('v2');
    expect(classifyHandshake('<html>gateway</html>')).toBeNull();
    expect(classifyHandshake('')).toBeNull();
  });

  it('splits socketUrl into origin and path, defaulting to production and /socket.io/', () => {
    expect(socketEndpoint(undefined)).toEqual({ origin: 'https://voice-management.axialys.com', path: '/socket.io/' });
    expect(socketEndpoint('http://127.0.0.1:4567')).toEqual({ origin: 'http://127.0.0.1:4567', path: '/socket.io/' });
    expect(socketEndpoint('wss://vm.example.com/notify/socket.io')).toEqual({ origin: 'https://vm.example.com', path: '/notify/socket.io/' });
  });
});

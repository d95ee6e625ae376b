/**
 * The WebSocket transport against a real loopback server (the `ws` package), with the client using
 * Node's WebSocket from `ws` too: snapshot and patches, commands, reconnection, and 4401.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket as NodeWebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { WsTransport, CommandError } from '../../src/renderer/bridge/ws';
import type { ConnStatus } from '../../src/renderer/bridge/status';
import { createClient } from '../../src/renderer/bridge/client';
import { ClientStore } from '../../src/renderer/bridge/store';
import { agent, alert, snapshot, T0 } from './helpers/model';
import { snapshotMessages } from '../../src/server/stream';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function server(onConnection: (ws: NodeWebSocket, url: string) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws, req) => onConnection(ws, req.url ?? ''));
  cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api/stream` };
}

function transport(url: () => string) {
  const t = new WsTransport({ url, WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket, random: () => 0, maxBackoffMs: 400 });
  cleanups.unshift(() => t.stop());
  return t;
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WebSocket transport', () => {
  it('feeds the store with the snapshot then patches, and answers commands', async () => {
    const { url } = await server((ws) => {
      ws.send(JSON.stringify({ type: 'snapshot', ...snapshot({ agents: [agent('wv', '1')] }) }));
      ws.send(JSON.stringify({ type: 'patch', at: T0 + 1, upsert: { agents: [agent('wv', '2')] }, remove: {} }));
      ws.send('not json');
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw));
        if (m.channel === 'alerts:ack') ws.send(JSON.stringify({ type: 'result', id: m.id, ok: false, error: { code: 'invalid_request', message: 'alerts:ack: id: too short' } }));
        else ws.send(JSON.stringify({ type: 'result', id: m.id, ok: true, value: { echoed: m.channel, payload: m.payload } }));
      });
    });
    const t = transport(() => url);
    const store = new ClientStore((fn) => fn());
    const client = createClient({ mode: 'ws', api: t, conn: t, store });
    t.start();
    await until(() => store.agents.size === 2);
    expect(t.status().state).toBe('open');
    expect(await client.invoke('settings:get', undefined)).toEqual({ echoed: 'settings:get', payload: null });
    const err = await client.invoke('alerts:ack', { id: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).code).toBe('invalid_request');
  });

  it('puts a snapshot sent in parts back together before the store sees it, holding patches that come meanwhile', async () => {
    const agents = Array.from({ length: 25 }, (_, i) => agent('wv', String(i)));
    const alerts = Array.from({ length: 8 }, (_, i) => alert(`agent.latency|wv:${i}`));
    const messages = snapshotMessages(snapshot({ agents, alerts }), true, 10);
    expect(messages.map((m) => JSON.parse(m).type)).toEqual(['snapshot', 'snapshot.part', 'snapshot.part', 'snapshot.part']);
    let asked = '';
    const { url } = await server((ws, u) => {
      asked = u;
      ws.send(JSON.stringify({ type: 'snapshot.part', agents: [agent('wv', 'stray')], alerts: [] })); // of no snapshot: ignored
      ws.send(messages[0]!);
      ws.send(messages[1]!);
      // Not how the collector orders them, but a patch in between must wait for the whole snapshot.
      ws.send(JSON.stringify({ type: 'patch', at: T0 + 1, upsert: { agents: [agent('wv', '0', { name: 'Renamed' })] }, remove: { agents: ['wv:24'] } }));
      ws.send(messages[2]!);
      ws.send(messages[3]!);
    });
    const t = transport(() => `${url}?parts=1`);
    const store = new ClientStore((fn) => fn());
    const seen: number[] = [];
    t.on('snapshot', (s) => seen.push((s as { agents: unknown[] }).agents.length));
    createClient({ mode: 'ws', api: t, conn: t, store });
    t.start();
    await until(() => store.agents.get('wv:0')?.name === 'Renamed');
    expect(asked).toBe('/api/stream?parts=1');
    expect(seen).toEqual([25]); // one snapshot, whole
    expect(store.agents.size).toBe(24);
    expect(store.agents.has('wv:24')).toBe(false);
    expect(store.agents.has('wv:stray')).toBe(false);
    expect(store.alerts.size).toBe(8);
  });

  it('reconnects with backoff after the host goes away, and the new snapshot replaces everything', async () => {
    let n = 0;
    const { wss, url } = await server((ws) => {
      n++;
      ws.send(JSON.stringify({ type: 'snapshot', ...snapshot({ agents: [agent('wv', `gen${n}`)] }) }));
    });
    const t = transport(() => url);
    const states: ConnStatus['state'][] = [];
    t.onStatus((s) => states.push(s.state));
    const store = new ClientStore((fn) => fn());
    createClient({ mode: 'ws', api: t, conn: t, store });
    t.start();
    await until(() => store.agents.has('wv:gen1'));
    for (const c of wss.clients) c.terminate();
    await until(() => store.agents.has('wv:gen2'));
    expect([...store.agents.keys()]).toEqual(['wv:gen2']);
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('open');
  });

  it('stops and reports "unauthorized" on close code 4401; a new token reconnects', async () => {
    const { url } = await server((ws, path) => {
      if (!path.includes('token=good')) ws.close(4401, 'unauthorized');
      else ws.send(JSON.stringify({ type: 'snapshot', ...snapshot() }));
    });
    let token = 'bad';
    const t = transport(() => `${url}?token=${token}`);
    t.start();
    await until(() => t.status().state === 'unauthorized');
    await new Promise((r) => setTimeout(r, 600)); // longer than the backoff: no retry happened
    expect(t.status().state).toBe('unauthorized');
    token = 'good';
    t.reconnect();
    await until(() => t.status().state === 'open');
  });

  it('rejects commands pending when the connection drops, with a message saying what to do', async () => {
    const { wss, url } = await server(() => undefined);
    const t = transport(() => url);
    t.start();
    await until(() => t.status().state === 'open');
    const pending = t.invoke('settings:get', undefined);
    await new Promise((r) => setTimeout(r, 50));
    for (const c of wss.clients) c.terminate();
    await expect(pending).rejects.toThrow(/connection to the collector was lost/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { startCollector, type Collector } from '../../src/server/collector';
import { SettingsSchema } from '../../src/shared/settings';
import { memoryLogger } from '../../src/core/util/logger';
import { scriptedRegistry, wolkvoxConfig } from '../fakes/connector';

let collector: Collector | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await collector?.stop();
  collector = null;
});

const SECRET = 'hook-secret-0123456789abcdef';

async function start() {
  const { registry, handle } = scriptedRegistry();
  collector = await startCollector({ settings: SettingsSchema.parse({ sources: [wolkvoxConfig('wv')] }), port: 0, logger: memoryLogger(), engine: { registry } });
  const received: { method: string; query: string; body: string }[] = [];
  collector.engine.webhooks.register('telphin', SECRET, (req) => {
    received.push({ method: req.method, query: req.query.toString(), body: req.body?.toString() ?? '' });
    return { status: 204 };
  });
  return { c: collector, handle, received };
}

/** Sends raw bytes and resolves with the status line the server answers (or '' if it closes first). */
function raw(port: number, payload: string | Buffer, opts: { endAfter?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    sockets.push(s);
    let data = '';
    s.on('data', (d) => (data += d.toString()));
    s.on('error', () => resolve(data.split('\r\n')[0] ?? ''));
    s.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    s.write(payload);
    if (opts.endAfter) s.end();
  });
}

describe('collector under hostile input', () => {
  it('webhook: wrong secret 401 without reading the body; oversized body 413 sent before closing', async () => {
    const { c, received } = await start();
    const wrong = await fetch(`${c.url}/hooks/telphin/not-the-secret`, { method: 'POST', body: 'agent_id=1&agent_status=available' });
    expect(wrong.status).toBe(401);
    const big = 'x'.repeat(70 * 1024);
    const status = await raw(
      c.port,
      `POST /hooks/telphin/${SECRET} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${(big.length).toString(16)}\r\n${big}\r\n0\r\n\r\n`,
    );
    expect(status).toBe('HTTP/1.1 413 Payload Too Large');
    const declared = await fetch(`${c.url}/hooks/telphin/${SECRET}`, { method: 'POST', body: 'y'.repeat(65 * 1024 + 1) });
    expect(declared.status).toBe(413);
    expect(received).toHaveLength(0);
    const fine = await fetch(`${c.url}/hooks/telphin/${SECRET}?agent_id=1`, { method: 'GET' });
    expect(fine.status).toBe(204);
    expect(received).toEqual([{ method: 'GET', query: 'agent_id=1', body: '' }]);
    expect((await fetch(`${c.url}/hooks/telphin/${SECRET}`, { method: 'PUT' })).status).toBe(405);
  });

  it('a scan of wrong webhook secrets writes one log line a minute, not one per request', async () => {
    const { registry } = scriptedRegistry();
    const logger = memoryLogger();
    collector = await startCollector({ settings: SettingsSchema.parse({ sources: [wolkvoxConfig('wv')] }), port: 0, logger, engine: { registry } });
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(`${collector!.url}/hooks/telphin/guess-${i}`, { method: 'POST', body: 'x' }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([401]));
    const lines = logger.lines.filter((l) => l.includes('unknown secret'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/webhook refused: unknown secret for telphin from 127\.0\.0\.1; more within a minute are counted in the next line/);
    expect(lines[0]).not.toMatch(/guess-/);
  });

  it('slow (slowloris-style) clients do not block live work', async () => {
    const { c, handle } = await start();
    for (let i = 0; i < 50; i++) {
      const s = connect(c.port, '127.0.0.1');
      sockets.push(s);
      s.on('error', () => undefined);
      s.write('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    }
    handle.emit('wv', [{ type: 'agent', id: '9', set: { state: 'available' } }]);
    const t0 = Date.now();
    const res = await fetch(`${c.url}/api/snapshot`);
    expect(res.status).toBe(200);
    expect((await res.json()).agents).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('garbage on the wire gets 400 and the server keeps serving', async () => {
    const { c } = await start();
    const status = await raw(c.port, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]));
    expect(status).toMatch(/^HTTP\/1\.1 400/);
    const res = await fetch(`${c.url}/api/health`);
    expect(res.status).toBe(200);
  });

  it('a flood of API requests is served without errors or state loss', async () => {
    const { c, handle } = await start();
    handle.emit('wv', [{ type: 'agent', id: '1', set: { state: 'paused', pauseReason: 'Lunch' } }]);
    const results = await Promise.all(Array.from({ length: 300 }, () => fetch(`${c.url}/api/health`).then((r) => r.status)));
    expect(results.every((s) => s === 200)).toBe(true);
    const snap = await (await fetch(`${c.url}/api/snapshot`)).json();
    expect(snap.agents[0]).toMatchObject({ state: 'paused', pauseReason: 'Lunch' });
  });
});

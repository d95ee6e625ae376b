/**
 * A vendor's HTTP answer that never ends (or is far longer than any real one) is cut off at the
 * connector's ceiling and read as an unusable answer, over a real loopback socket: the connector
 * stops reading (the server sees its connection closed) instead of holding the whole body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readTextCapped } from '../../src/core/connectors/body';
import { request as axialysRequest } from '../../src/core/connectors/axialys/http';
import { send as avayaSend, describe as avayaDescribe } from '../../src/core/connectors/avaya/http';
import { readBody as telphinReadBody } from '../../src/core/connectors/telphin/client';
import { requestReport } from '../../src/core/connectors/wolkvox/client';
import { pollReport } from '../../src/core/connectors/wolkvox/poll';
import { TokenLane } from '../../src/core/connectors/wolkvox/lane';
import { systemClock } from '../../src/core/util/clock';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
/** The server gives up on its own after this much, so a client that never stops cannot hang the test. */
const SERVER_LIMIT = 96 * 1024 * 1024;

interface Endless {
  url: string;
  /** Bytes written to each connection by the time it closed. */
  sent: number[];
  closed: Promise<void>;
}

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

/** A server answering 200 with a body that goes on until the client stops reading (or 96 MB). */
async function endless(opts: { contentLength?: number } = {}): Promise<Endless> {
  const sent: number[] = [];
  let closedOnce!: () => void;
  const closed = new Promise<void>((r) => (closedOnce = r));
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(opts.contentLength ? { 'content-length': String(opts.contentLength) } : {}) });
    let bytes = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sent.push(bytes);
      closedOnce();
    };
    res.on('close', finish);
    const pump = () => {
      while (!done && bytes < SERVER_LIMIT) {
        bytes += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      if (!done) res.destroy();
    };
    if (opts.contentLength) {
      // Declared too long: the client may refuse before reading anything.
      res.write('{"a":');
    } else {
      res.write('{"a":"');
      pump();
    }
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, sent, closed };
}

describe('answers longer than a connector reads', () => {
  it('the reader stops at the ceiling and closes the answer', async () => {
    const s = await endless();
    const res = await fetch(`${s.url}/x`);
    expect(await readTextCapped(res, 1024 * 1024)).toBeNull();
    await s.closed;
    // Cut off well before the server's own limit: the rest was never asked for.
    expect(s.sent[0]!).toBeLessThan(16 * 1024 * 1024);
  });

  it('an answer declared longer than the ceiling is refused before its body is read', async () => {
    const s = await endless({ contentLength: 50 * 1024 * 1024 });
    const res = await fetch(`${s.url}/x`);
    expect(await readTextCapped(res, 1024 * 1024)).toBeNull();
    await s.closed;
  });

  it('an answer within the ceiling is read whole, in one piece or many', async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"name":"Andr');
      setTimeout(() => res.end('és Rojas","n":1}'), 10);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await readTextCapped(res, 1024)).toBe('{"name":"Andrés Rojas","n":1}');
  });

  it('Axialys: an endless login answer reads as an answer too long, not as the memory it would fill', async () => {
    const s = await endless();
    const answer = await axialysRequest(fetch, systemClock, `${s.url}/auth`, { method: 'POST' }, 'the supervisor login');
    expect(answer.status).toBe(200);
    expect(answer.body).toBeNull();
    expect(answer.text).toBe('(answer larger than 1 MB, not read)');
    await s.closed;
  });

  it('Avaya: an endless token answer reads as an answer too long, and says so', async () => {
    const s = await endless();
    const result = await avayaSend({ fetch, clock: systemClock, appKey: 'k', timeoutMs: 15_000 }, 'the token request', { method: 'POST', url: `${s.url}/token` });
    expect(result.body).toBe('(answer larger than 1 MB, not read)');
    expect(avayaDescribe(502, result.body)).toBe('502 (answer larger than 1 MB, not read)');
    await s.closed;
  });

  it('Telphin: an endless answer reads as an answer too long', async () => {
    const s = await endless();
    expect(await telphinReadBody(await fetch(`${s.url}/agents`))).toBe('(answer larger than 16 MB, not read)');
    await s.closed;
  });

  it('Wolkvox: a report longer than 16 MB is an unusable report that says why', async () => {
    const s = await endless();
    const client = { baseUrl: s.url, token: 'tok-ceiling-0123456789', server: '0031', fetch, clock: systemClock, timeoutMs: 30_000 };
    const raw = await requestReport(client, 'agents');
    expect(raw).toMatchObject({ status: 200, text: '', body: undefined, tooLarge: '16 MB' });
    await s.closed;
    const outcome = await pollReport({ client, lane: new TokenLane(), named: new Set() }, 'agents');
    expect(outcome).toMatchObject({ kind: 'unusable', reason: 'agents report: the body is larger than 16 MB' });
  });
});

/**
 * WS `/api/stream`: a snapshot first, then coalesced patches; the same socket carries bridge commands
 * (`{type:'invoke'}` → `{type:'result'}`). Each patch is serialized once for all clients. A client that
 * cannot keep up is not fed an unbounded buffer: it skips patches and gets a fresh snapshot when drained.
 * "Cannot keep up" is measured over what it has been sent since its snapshot: a large floor's snapshot
 * is itself megabytes, still in the buffer while the page reads it, and counting it would resynchronize
 * a client that is only reading its snapshot — with another snapshot, over and over. A client may ask
 * for its snapshots in parts (`?parts=1`, the dashboard does): see `snapshotMessages`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../core/engine';
import type { CommandHandler } from '../core/commands';
import type { Logger } from '../core/util/logger';
import { BridgeError } from '../shared/bridge';
import type { Patch, Snapshot } from '../shared/model';

/** How far (bytes in its send buffer) a client may fall behind what it was sent since its snapshot. */
export const MAX_BUFFERED = 4 * 1024 * 1024;
const MAX_MESSAGE = 256 * 1024;
/**
 * Tests of connection one client may have running at once: each waits on a vendor for seconds and
 * reaches out to it (the dashboard runs one at a time). Other commands answer at once; a client that
 * does not read their answers is closed (MAX_BUFFERED).
 */
export const MAX_TESTS_IN_FLIGHT = 4;

/**
 * Entities (agents and alerts) per message when a client asks for its snapshot in parts
 * (`/api/stream?parts=1`): about 0.5 MB. A browser takes in a message of several MB in long tasks of
 * its own, before any script runs; parts of this size it takes in without one (docs/performance.md §5).
 */
export const PART_ENTITIES = 1500;

/**
 * A snapshot as the messages of one client: whole (the contract's one `snapshot` message), or in
 * parts — a `snapshot` message with everything but the agents and alerts beyond its share and
 * `parts` (how many messages make it), then `snapshot.part` messages with the rest of them, in order.
 */
export function snapshotMessages(snap: Snapshot, inParts: boolean, perPart = PART_ENTITIES): string[] {
  const whole = () => [JSON.stringify({ type: 'snapshot', ...snap })];
  if (!inParts) return whole();
  const total = snap.agents.length + snap.alerts.length;
  if (total <= perPart) return whole();
  const parts = Math.ceil(total / perPart);
  const share = (i: number) => {
    const from = i * perPart;
    const to = from + perPart;
    const agents = snap.agents.slice(Math.min(from, snap.agents.length), Math.min(to, snap.agents.length));
    const alerts = snap.alerts.slice(Math.max(0, from - snap.agents.length), Math.max(0, to - snap.agents.length));
    return { agents, alerts };
  };
  const out = [JSON.stringify({ type: 'snapshot', ...snap, ...share(0), parts })];
  for (let i = 1; i < parts; i++) out.push(JSON.stringify({ type: 'snapshot.part', ...share(i) }));
  return out;
}

interface Client {
  ws: WebSocket;
  /** Asked for its snapshots in parts. */
  parts: boolean;
  stale: boolean;
  alive: boolean;
  /**
   * Bytes of the last snapshot sent, allowed in the buffer on top of MAX_BUFFERED while some of it may
   * still be there; 0 once the buffer holds no more than what was sent after it.
   */
  snapshotBytes: number;
  /** Bytes sent after that snapshot. */
  sentSince: number;
  /** Tests of connection running for this client. */
  testsInFlight: number;
}

export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE, perMessageDeflate: false });
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly pinger: NodeJS.Timeout;
  rejectedMessages = 0;
  /** Clients found too slow and sent a fresh snapshot instead of the patches they missed. */
  resyncs = 0;

  constructor(
    private readonly engine: Engine,
    private readonly commands: CommandHandler,
    private readonly log: Logger,
  ) {
    this.unsubscribe = engine.subscribe((patch) => this.broadcast(patch));
    this.pinger = setInterval(() => this.heartbeat(), 30_000);
    this.pinger.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Completes an upgrade; `authorized` false → the socket is closed with 4401 (browsers cannot read HTTP statuses). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, authorized: boolean): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (!authorized) {
        ws.close(4401, 'unauthorized');
        return;
      }
      this.attach(ws, new URL(req.url ?? '/', 'http://collector').searchParams.get('parts') === '1');
    });
  }

  private attach(ws: WebSocket, parts: boolean): void {
    const client: Client = { ws, parts, stale: false, alive: true, snapshotBytes: 0, sentSince: 0, testsInFlight: 0 };
    this.clients.add(client);
    ws.on('pong', () => (client.alive = true));
    ws.on('close', () => this.clients.delete(client));
    ws.on('error', () => this.clients.delete(client));
    ws.on('message', (data, isBinary) => void this.onMessage(client, data as Buffer, isBinary));
    this.sendSnapshot(client);
  }

  private sendSnapshot(client: Client): void {
    client.stale = false;
    const messages = snapshotMessages(this.engine.snapshot(), client.parts);
    client.snapshotBytes = 0;
    for (const text of messages) client.snapshotBytes += Buffer.byteLength(text);
    client.sentSince = 0;
    for (const text of messages) client.ws.send(text);
  }

  private broadcast(patch: Patch): void {
    if (!this.clients.size) return;
    let text: string | null = null;
    let bytes = 0;
    for (const c of this.clients) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      // The buffer is sent in order: once it holds no more than what followed the snapshot, the
      // snapshot has left it, and the client has only MAX_BUFFERED to fall behind by.
      if (c.snapshotBytes && c.ws.bufferedAmount <= c.sentSince) c.snapshotBytes = 0;
      if (c.stale || c.ws.bufferedAmount > MAX_BUFFERED + c.snapshotBytes) {
        if (!c.stale) {
          this.resyncs++;
          this.log.warn('a dashboard client is too slow; it will be resynchronized');
        }
        c.stale = true;
        if (c.ws.bufferedAmount === 0) this.sendSnapshot(c);
        continue;
      }
      if (text === null) {
        text = JSON.stringify(patch);
        bytes = Buffer.byteLength(text);
      }
      this.deliver(c, text, bytes);
    }
  }

  /** Queues a message after a client's snapshot, counted in what it has been sent since. */
  private deliver(c: Client, text: string, bytes = Buffer.byteLength(text)): void {
    c.sentSince += bytes;
    c.ws.send(text);
  }

  private async onMessage(client: Client, data: Buffer, isBinary: boolean): Promise<void> {
    // A client that sends commands and does not read the answers: closed before its answers fill memory.
    if (client.ws.bufferedAmount > MAX_BUFFERED + client.snapshotBytes) {
      this.rejectedMessages++;
      if (client.ws.readyState === client.ws.OPEN) {
        this.log.warn('a stream client sends commands without reading the answers; closing it');
        client.ws.close(1008, 'answers not read');
      }
      return;
    }
    let msg: unknown;
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      this.rejectedMessages++;
      return this.reply(client, { type: 'error', error: { code: 'invalid_request', message: 'messages must be JSON text' } });
    }
    const m = msg as { type?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
    if (!m || typeof m !== 'object' || m.type !== 'invoke' || typeof m.id !== 'number' || typeof m.channel !== 'string') {
      this.rejectedMessages++;
      return this.reply(client, { type: 'error', error: { code: 'invalid_request', message: 'expected {type:"invoke", id, channel, payload}' } });
    }
    if (!Number.isSafeInteger(m.id)) {
      this.rejectedMessages++;
      return this.reply(client, { type: 'error', error: { code: 'invalid_request', message: 'the id of a command must be a whole number' } });
    }
    const test = m.channel === 'sources:test';
    if (test && client.testsInFlight >= MAX_TESTS_IN_FLIGHT) {
      this.rejectedMessages++;
      return this.reply(client, { type: 'result', id: m.id, ok: false, error: { code: 'failed', message: `too many tests of connection at once (at most ${MAX_TESTS_IN_FLIGHT}): wait for their results` } });
    }
    if (test) client.testsInFlight++;
    try {
      const value = await this.commands(m.channel, m.payload);
      this.reply(client, { type: 'result', id: m.id, ok: true, value: value ?? null });
    } catch (e) {
      const error = e instanceof BridgeError ? e.body() : { code: 'failed', message: e instanceof Error ? e.message : String(e) };
      this.reply(client, { type: 'result', id: m.id, ok: false, error });
    } finally {
      if (test) client.testsInFlight--;
    }
  }

  private reply(client: Client, value: unknown): void {
    if (client.ws.readyState === client.ws.OPEN) this.deliver(client, JSON.stringify(value));
  }

  /** Sends a message to every client (e.g. navigation requests). */
  send(value: unknown): void {
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text);
    for (const c of this.clients) if (c.ws.readyState === c.ws.OPEN) this.deliver(c, text, bytes);
  }

  private heartbeat(): void {
    for (const c of this.clients) {
      if (!c.alive) {
        c.ws.terminate();
        this.clients.delete(c);
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  close(): void {
    clearInterval(this.pinger);
    this.unsubscribe();
    for (const c of this.clients) c.ws.close(1001, 'collector shutting down');
    setTimeout(() => {
      for (const c of this.clients) c.ws.terminate();
    }, 500).unref();
    this.wss.close();
  }
}

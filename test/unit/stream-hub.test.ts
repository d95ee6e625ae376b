/**
 * The stream hub's allowance for a client that falls behind, over a socket whose send buffer the test
 * drains by hand (the real socket's timing is covered in test/integration/collector-api.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_BUFFERED, StreamHub } from '../../src/server/stream';
import type { Engine } from '../../src/core/engine';
import type { Patch, Snapshot } from '../../src/shared/model';
import { memoryLogger } from '../../src/core/util/logger';

const MB = 1024 * 1024;

/** A socket that keeps everything sent in its buffer until `drain(bytes)`. */
class SlowSocket {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: { type: string; bytes: number }[] = [];
  on(): this {
    return this;
  }
  send(text: string): void {
    const bytes = Buffer.byteLength(text);
    this.bufferedAmount += bytes;
    this.sent.push({ type: (JSON.parse(text) as { type: string }).type, bytes });
  }
  drain(bytes: number): void {
    this.bufferedAmount = Math.max(0, this.bufferedAmount - bytes);
  }
  ping(): void {}
  close(): void {}
  terminate(): void {}
}

function hubWith(snapshotMb: number) {
  let listener: ((p: Patch) => void) | null = null;
  const engine = {
    subscribe: (l: (p: Patch) => void) => ((listener = l), () => (listener = null)),
    // A floor whose snapshot is about `snapshotMb` megabytes.
    snapshot: () => ({ padding: 'x'.repeat(snapshotMb * MB) }) as unknown as Snapshot,
  } as unknown as Engine;
  const hub = new StreamHub(engine, async () => null, memoryLogger('error'));
  const socket = new SlowSocket();
  (hub as unknown as { attach(ws: WebSocket): void }).attach(socket as unknown as WebSocket);
  /** A patch of about one megabyte. */
  const patch = () => listener!({ type: 'patch', at: 0, upsert: { agents: [{ key: 'p', name: 'y'.repeat(MB) }] }, remove: {} } as unknown as Patch);
  return { hub, socket, patch };
}

describe('stream hub: how far a client may fall behind', () => {
  it('does not count a snapshot still in the buffer: a 10 MB floor being read gets its patches', () => {
    const { hub, socket, patch } = hubWith(10);
    expect(socket.bufferedAmount).toBeGreaterThan(10 * MB);
    for (let i = 0; i < 3; i++) patch(); // 13 MB buffered, 3 of them patches
    expect(hub.resyncs).toBe(0);
    expect(socket.sent.map((m) => m.type)).toEqual(['snapshot', 'patch', 'patch', 'patch']);
  });

  it('once the snapshot has left the buffer, allows 4 MB of patches, then resynchronizes when drained', () => {
    const { hub, socket, patch } = hubWith(10);
    patch();
    patch();
    socket.drain(Infinity); // the page read its snapshot and both patches
    // Each patch is looked at before it is queued: four fit (a little over 4 MB once queued)…
    const allowed = Math.floor(MAX_BUFFERED / MB);
    for (let i = 0; i < allowed; i++) patch();
    expect(hub.resyncs).toBe(0);
    expect(socket.bufferedAmount).toBeGreaterThan(MAX_BUFFERED);
    // …and the next finds the client 4 MB behind: the 10 MB snapshot no longer counts.
    patch();
    expect(hub.resyncs).toBe(1);
    const before = socket.sent.length;
    patch(); // skipped: the client is behind, and nothing new is queued for it
    expect(socket.sent.length).toBe(before);
    socket.drain(Infinity);
    patch(); // drained: the whole floor as it is now, instead of what it missed
    expect(socket.sent.at(-1)!.type).toBe('snapshot');
    patch();
    expect(socket.sent.at(-1)!.type).toBe('patch');
    expect(hub.resyncs).toBe(1);
  });
});

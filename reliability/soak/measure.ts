/**
 * What a long run is watched with: heap and RSS after a full garbage collection, the process's active
 * resources by type (timers, sockets, servers) and a dashboard client that builds its picture only
 * from the collector's WebSocket stream, as the browser dashboard does.
 */
import WebSocket from 'ws';
import type { Agent, Alert, Patch, Queue, Snapshot, Source } from '../../src/shared/model';
import { waitFor } from '../lib/wait';

export interface Sample {
  /** Seconds since the shift started (real time). */
  t: number;
  heapUsed: number;
  rss: number;
  /** Timers pending on the engine's clock (engine and connectors). */
  timers: number;
  /** Active resources keeping the process alive (sockets, servers, ref'd timers). */
  handles: number;
}

export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

export function sample(t: number, timers: number): Sample {
  collect();
  const m = process.memoryUsage();
  const res = resources();
  return { t, heapUsed: m.heapUsed, rss: m.rss, timers, handles: Object.values(res).reduce((a, b) => a + b, 0) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** A dashboard over the collector's `/api/stream`: snapshot first, then patches. */
export class StreamClient {
  readonly agents = new Map<string, Agent>();
  readonly queues = new Map<string, Queue>();
  readonly sources = new Map<string, Source>();
  readonly alerts = new Map<string, Alert>();
  messages = 0;
  bytes = 0;
  snapshots = 0;
  private readonly ws: WebSocket;

  constructor(url: string) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/stream`);
    this.ws.on('message', (data: WebSocket.RawData) => this.onMessage(String(data)));
    this.ws.on('error', () => undefined);
  }

  async ready(): Promise<void> {
    await waitFor('the stream snapshot', () => this.snapshots > 0, 10_000);
  }

  private onMessage(text: string): void {
    this.messages++;
    this.bytes += text.length;
    const msg = JSON.parse(text) as { type?: string };
    if (msg.type === 'snapshot') {
      const snap = msg as Snapshot;
      this.snapshots++;
      for (const m of [this.agents, this.queues, this.sources, this.alerts]) m.clear();
      for (const a of snap.agents ?? []) this.agents.set(a.key, a);
      for (const q of snap.queues ?? []) this.queues.set(q.key, q);
      for (const s of snap.sources ?? []) this.sources.set(s.id, s);
      for (const a of snap.alerts ?? []) this.alerts.set(a.id, a);
      return;
    }
    if (msg.type !== 'patch') return;
    const p = msg as unknown as Patch;
    for (const a of p.upsert.agents ?? []) this.agents.set(a.key, a);
    for (const q of p.upsert.queues ?? []) this.queues.set(q.key, q);
    for (const s of p.upsert.sources ?? []) this.sources.set(s.id, s);
    for (const a of p.upsert.alerts ?? []) this.alerts.set(a.id, a);
    for (const k of p.remove.agents ?? []) this.agents.delete(k);
    for (const k of p.remove.queues ?? []) this.queues.delete(k);
    for (const k of p.remove.sources ?? []) this.sources.delete(k);
    for (const k of p.remove.alerts ?? []) this.alerts.delete(k);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

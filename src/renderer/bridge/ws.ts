/**
 * The browser transport: the collector's WebSocket `/api/stream`. Same BridgeApi as the tray app's
 * preload, plus a connection status. Reconnects with capped backoff; a close with code 4401 means the
 * access token is missing or wrong, which no retry can fix, so it stops and asks for one. A snapshot
 * sent in parts (the dashboard asks for them: a big floor's snapshot is megabytes) is put back
 * together before it is handed on; patches that come meanwhile wait for it.
 */
import type { BridgeApi, Channel, HostEventName, HostEvents, Req, Res } from '../../shared/bridge';
import { backoffDelay } from './backoff';
import type { ConnStatus, StatusSource } from './status';
import { parseServerMessage } from './messages';
import { CommandError, toCommandError } from './errors';

export { CommandError };

export const CLOSE_UNAUTHORIZED = 4401;
const STABLE_MS = 5000;
const INVOKE_TIMEOUT_MS = 30_000;
/** Patches held while a snapshot's parts arrive; past this the snapshot is asked for again. */
const MAX_HELD = 1000;
const MAX_PARTS = 100_000;

/** How many messages a snapshot says it comes in (1: whole). */
function partsOf(raw: unknown): number {
  const parts = (raw as { parts?: unknown } | null)?.parts;
  return typeof parts === 'number' && Number.isInteger(parts) && parts >= 1 && parts <= MAX_PARTS ? parts : 1;
}

/** Appends a part's list to the snapshot's (a list that is not one is left to the checks: skipped). */
function append(into: unknown[], list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) into.push(item);
}

interface Assembly {
  snapshot: Record<string, unknown> & { agents: unknown[]; alerts: unknown[] };
  left: number;
  held: unknown[];
}

export interface WsTransportOptions {
  /** Builds the URL for each attempt (the token may change between attempts). */
  url: () => string;
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
  maxBackoffMs?: number;
  now?: () => number;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** An error returned by the host for a command. */
export class WsTransport implements BridgeApi, StatusSource {
  private ws: WebSocket | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: (() => void)[] = [];
  private readonly listeners = new Map<HostEventName, Set<(p: never) => void>>();
  private readonly statusListeners = new Set<(s: ConnStatus) => void>();
  private current: ConnStatus = { state: 'connecting', retryAt: null, attempts: 0 };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private openedAt = 0;
  private stopped = false;
  /** A snapshot whose parts are still arriving. */
  private assembly: Assembly | null = null;

  constructor(private readonly opts: WsTransportOptions) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.ws?.close(1000);
    this.ws = null;
    this.failPending('The dashboard was closed.');
  }

  /** Reconnects now (after a new token was entered, or from the banner's "retry now"). */
  reconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const old = this.ws;
    this.ws = null;
    old?.close(1000);
    this.setStatus({ state: 'connecting', retryAt: null, attempts: this.current.attempts });
    this.connect();
  }

  status(): ConnStatus {
    return this.current;
  }

  onStatus(listener: (s: ConnStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(s: ConnStatus): void {
    this.current = s;
    for (const l of this.statusListeners) l(s);
  }

  private connect(): void {
    if (this.stopped) return;
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    let ws: WebSocket;
    try {
      ws = new Impl(this.opts.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.assembly = null;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.openedAt = this.now;
      this.setStatus({ state: 'open', retryAt: null, attempts: this.current.attempts });
      for (const w of this.waiting.splice(0)) w();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws || typeof ev.data !== 'string') return;
      this.handle(ev.data);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.failPending('The connection to the collector was lost; the command may not have run. Try again once reconnected.');
      if (this.stopped) return;
      if (ev.code === CLOSE_UNAUTHORIZED) {
        this.setStatus({ state: 'unauthorized', retryAt: null, attempts: 0 });
        return;
      }
      if (this.openedAt && this.now - this.openedAt >= STABLE_MS) this.current = { ...this.current, attempts: 0 };
      this.openedAt = 0;
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    const attempts = this.current.attempts + 1;
    const delay = backoffDelay(attempts - 1, { random: this.opts.random, maxMs: this.opts.maxBackoffMs });
    this.setStatus({ state: 'reconnecting', retryAt: this.now + delay, attempts });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private handle(text: string): void {
    const msg = parseServerMessage(text);
    if (!msg) return;
    if (msg.type === 'result') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(toCommandError(msg.error));
      return;
    }
    // Contents are checked by the client (./validate) for both transports alike.
    if (msg.type === 'snapshot') {
      const parts = partsOf(msg.snapshot);
      this.assembly = null;
      if (parts === 1) return this.emit('snapshot', msg.snapshot as HostEvents['snapshot']);
      const first = msg.snapshot as Record<string, unknown>;
      const snapshot = { ...first, agents: [] as unknown[], alerts: [] as unknown[] };
      append(snapshot.agents, first.agents);
      append(snapshot.alerts, first.alerts);
      this.assembly = { snapshot, left: parts - 1, held: [] };
      return;
    }
    if (msg.type === 'snapshot.part') return this.addPart(msg.part);
    if (msg.type === 'patch') {
      if (!this.assembly) return this.emit('patch', msg.patch as HostEvents['patch']);
      this.assembly.held.push(msg.patch);
      // A snapshot that never completes (a broken collector): ask for a whole new one.
      if (this.assembly.held.length > MAX_HELD) this.reconnect();
      return;
    }
    if (msg.type === 'notification') return this.emit('notification', msg.notification);
    if (msg.type === 'settings') return this.emit('settings', msg.settings as HostEvents['settings']);
    this.emit('navigate', msg.navigate);
  }

  private addPart(part: unknown): void {
    const a = this.assembly;
    if (!a) return; // a part of no snapshot in progress
    const p = part as { agents?: unknown; alerts?: unknown };
    append(a.snapshot.agents, p.agents);
    append(a.snapshot.alerts, p.alerts);
    if (--a.left > 0) return;
    this.assembly = null;
    this.emit('snapshot', a.snapshot as unknown as HostEvents['snapshot']);
    for (const patch of a.held) this.emit('patch', patch as HostEvents['patch']);
  }

  private emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of set) (l as (p: HostEvents[E]) => void)(payload);
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (p: never) => void);
    return () => set.delete(listener as (p: never) => void);
  }

  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
    return new Promise<Res<C>>((resolve, reject) => {
      const id = ++this.seq;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandError('timeout', 'The collector did not answer in time. Check that it is running, then try again.'));
      }, INVOKE_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const send = () => {
        if (!this.pending.has(id)) return;
        this.ws?.send(JSON.stringify({ type: 'invoke', id, channel, payload: req ?? null }));
      };
      if (this.ws && this.ws.readyState === 1) send();
      else this.waiting.push(send);
    });
  }

  private failPending(message: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new CommandError('disconnected', message));
      this.pending.delete(id);
    }
    this.waiting.length = 0;
  }
}

/**
 * One client over either transport: the tray app's preload (`window.cctm`) or the collector's
 * WebSocket. It validates what the host sends, feeds the store and exposes commands.
 */
import type { BridgeApi, Channel, HostNotification, Req, Res, SettingsView } from '../../shared/bridge';
import { ClientStore } from './store';
import { readPatch, readSettingsView, readSnapshot } from './validate';
import { ALWAYS_OPEN, type StatusSource } from './status';
import { WsTransport } from './ws';
import { toCommandError } from './errors';
import { backoffDelay } from './backoff';
import { browserTokenEnv, saveToken, streamUrl, takeToken, readToken } from './token';

declare global {
  interface Window {
    /** Exposed by the tray app's preload script. */
    cctm?: BridgeApi;
  }
}

export type Mode = 'ipc' | 'ws';

export interface DashboardClient {
  readonly mode: Mode;
  readonly store: ClientStore;
  readonly conn: StatusSource;
  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>;
  onNavigate(listener: (to: { view: string; alertId?: string }) => void): () => void;
  /** The collector notified (browser mode; the tray app shows OS notifications itself). */
  onNotification(listener: (n: HostNotification) => void): () => void;
  /** The host's settings changed (here, in another dashboard or from the tray menu): what they are now. */
  onSettings(listener: (view: SettingsView) => void): () => void;
  /** Browser mode: use a new access token and reconnect. */
  setToken(token: string): void;
  /** Browser mode: reconnect now. */
  reconnect(): void;
  stop(): void;
}

export interface ClientOptions {
  mode: Mode;
  api: BridgeApi;
  conn?: StatusSource;
  store?: ClientStore;
  setToken?: (token: string) => void;
  reconnect?: () => void;
  stop?: () => void;
}

/** Wires a transport to a store. */
export function createClient(opts: ClientOptions): DashboardClient {
  const store = opts.store ?? new ClientStore();
  const { api } = opts;
  const offs = [
    api.on('snapshot', (raw) => {
      const s = readSnapshot(raw);
      if (s) store.applySnapshot(s);
    }),
    api.on('patch', (raw) => {
      const p = readPatch(raw);
      if (p) store.applyPatch(p);
    }),
  ];
  let stopped = false;
  if (opts.mode === 'ipc') {
    // The preload delivers patches only; the first picture is asked for (again, while the host starts).
    const load = (attempt: number): void => {
      api.invoke('snapshot:get', undefined).then(
        (raw) => {
          const s = readSnapshot(raw);
          if (s) store.applySnapshot(s);
        },
        () => {
          if (!stopped && store.loadedAt === null) setTimeout(() => load(attempt + 1), backoffDelay(attempt, { maxMs: 5000 }));
        },
      );
    };
    load(0);
  }
  return {
    mode: opts.mode,
    store,
    conn: opts.conn ?? ALWAYS_OPEN,
    invoke: (channel, req) =>
      api.invoke(channel, req).catch((e: unknown) => {
        throw toCommandError(e);
      }),
    onNavigate: (listener) => api.on('navigate', listener),
    onNotification: (listener) => (opts.mode === 'ws' ? api.on('notification', listener) : () => undefined),
    onSettings: (listener) =>
      api.on('settings', (raw) => {
        const view = readSettingsView(raw);
        if (view) listener(view);
      }),
    setToken: (token) => opts.setToken?.(token),
    reconnect: () => opts.reconnect?.(),
    stop: () => {
      stopped = true;
      offs.forEach((off) => off());
      opts.stop?.();
    },
  };
}

/** Picks the transport for where the page runs. */
export function connect(): DashboardClient {
  if (window.cctm) return createClient({ mode: 'ipc', api: window.cctm });
  const env = browserTokenEnv();
  takeToken(env);
  const ws = new WsTransport({ url: () => streamUrl(window.location, readToken(env)) });
  const client = createClient({
    mode: 'ws',
    api: ws,
    conn: ws,
    setToken: (token) => {
      saveToken(env, token);
      ws.reconnect();
    },
    reconnect: () => ws.reconnect(),
    stop: () => ws.stop(),
  });
  ws.start();
  return client;
}

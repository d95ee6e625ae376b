/**
 * The preload bridge: exposes `window.cctm` (BridgeApi) to the sandboxed dashboard through
 * contextBridge. A narrow typed API: `invoke(channel, request)` and `on(event, listener)`; the IPC
 * event object never reaches the page, listeners get only the payload, and `on` returns an
 * unsubscribe function. Built as CommonJS (sandboxed preloads cannot be ES modules).
 *
 * Errors reject with a plain `{ name: 'BridgeError', code, message, reason?, field? }` object: contextBridge copies
 * plain objects whole but would strip every property of an Error except its message.
 */
import { contextBridge, ipcRenderer } from 'electron';
// Type-only imports: the preload bundle stays free of zod and of the shared schemas.
import type { BridgeApi, BridgeErrorBody, CHANNEL_PREFIX as Prefix, Channel, HostEventName, HostEvents, Req, Res } from '../shared/bridge';

const PREFIX: typeof Prefix = 'cctm:';
/**
 * Every host event, checked complete by the compiler. `notification` is the collector's, for
 * browsers: the tray app shows OS notifications itself and never sends it.
 */
const EVENT_NAMES: Record<HostEventName, true> = { snapshot: true, patch: true, navigate: true, notification: true, settings: true };
const EVENTS = Object.keys(EVENT_NAMES) as HostEventName[];

type InvokeResult = { ok: true; value: unknown } | { ok: false; error: BridgeErrorBody };
type Listener = (payload: unknown) => void;

const listeners = new Map<HostEventName, Set<Listener>>(EVENTS.map((e) => [e, new Set<Listener>()]));
/**
 * The latest snapshot or navigate request that arrived while nobody listened for it (e.g. a
 * notification click opened the window and the dashboard subscribes to `navigate` a moment after
 * `patch`): handed to the first listener. Patches are only useful to a current listener.
 */
const pending = new Map<HostEventName, unknown>();

for (const event of EVENTS) {
  ipcRenderer.on(`${PREFIX}event:${event}`, (_event, payload: unknown) => {
    const set = listeners.get(event)!;
    if (set.size === 0) {
      if (event !== 'patch') pending.set(event, payload);
      return;
    }
    for (const listener of set) deliver(listener, payload);
  });
}

function deliver(listener: Listener, payload: unknown): void {
  try {
    listener(payload);
  } catch (e) {
    console.error('cctm: an event listener failed', e);
  }
}

let readySent = false;
/** The dashboard is ready once it subscribes; sent after the current task so all its first subscriptions are in place. */
function signalReady(): void {
  if (readySent) return;
  readySent = true;
  setTimeout(() => ipcRenderer.send(`${PREFIX}ready`), 0);
}

const api: BridgeApi = {
  async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
    const result = (await ipcRenderer.invoke(`${PREFIX}invoke`, { channel, payload: req })) as InvokeResult | undefined;
    if (result && result.ok) return result.value as Res<C>;
    const error: BridgeErrorBody = result && !result.ok ? result.error : { code: 'failed', message: 'No answer from the app.' };
    throw { name: 'BridgeError', ...error };
  },
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    const set = listeners.get(event);
    if (!set || typeof listener !== 'function') throw new TypeError(`cctm.on: unknown event ${String(event)}`);
    const own = (payload: unknown) => listener(payload as HostEvents[E]);
    set.add(own);
    if (pending.has(event)) {
      const payload = pending.get(event);
      pending.delete(event);
      setTimeout(() => deliver(own, payload), 0);
    }
    signalReady();
    return () => {
      set.delete(own);
    };
  },
};

contextBridge.exposeInMainWorld('cctm', Object.freeze({ invoke: api.invoke, on: api.on }));

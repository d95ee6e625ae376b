/**
 * The preload bridge: exposes `window.cctm` (BridgeApi) to the sandboxed dashboard through
 * contextBridge. A narrow typed API: `invoke(channel, request)` and `on(event, listener)`; the IPC
 * event object never reaches the page, listeners get only the payload, and `on` returns an
 * unsubscribe function. Built as CommonJS (sandboxed preloads cannot be ES modules).
 *
 * Errors reject with a plain `{ name: 'BridgeError', code, message }` object: contextBridge copies
 * plain objects whole but would strip every property of an Error except its message.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Type-only imports: the preload bundle stays free of zod and of the shared schemas.
import type { BridgeApi, CHANNEL_PREFIX as Prefix, Channel, HostEventName, HostEvents, Req, Res } from '../shared/bridge';

const PREFIX: typeof Prefix = 'cctm:';
const EVENTS: Record<HostEventName, true> = { snapshot: true, patch: true, navigate: true };

type InvokeResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

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
    const error = result && !result.ok ? result.error : { code: 'failed', message: 'No answer from the app.' };
    throw { name: 'BridgeError', code: error.code, message: error.message };
  },
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    if (!Object.prototype.hasOwnProperty.call(EVENTS, event) || typeof listener !== 'function') {
      throw new TypeError(`cctm.on: unknown event ${String(event)}`);
    }
    const channel = `${PREFIX}event:${event}`;
    const wrapped = (_event: IpcRendererEvent, payload: HostEvents[E]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    signalReady();
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('cctm', Object.freeze({ invoke: api.invoke, on: api.on }));

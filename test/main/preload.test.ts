import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, resetElectron } from '../fakes/electron';
import type { BridgeApi } from '../../src/shared/bridge';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

let api: BridgeApi;
let exposeCalls: unknown[][] = [];
beforeAll(async () => {
  resetElectron();
  await import('../../src/preload/index');
  api = fake.exposed.cctm as BridgeApi;
  exposeCalls = [...fake.contextBridge.exposeInMainWorld.mock.calls]; // call records are cleared before each test
});

describe('preload bridge', () => {
  it('exposes only window.cctm with invoke and on, frozen', () => {
    expect(exposeCalls).toEqual([['cctm', api]]);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(JSON.stringify(Object.keys(fake.exposed))).toBe('["cctm"]');
  });

  it('invokes through the one prefixed channel and unwraps results', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { host: 'tray' } });
    await expect(api.invoke('settings:get', undefined)).resolves.toEqual({ host: 'tray' });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith('cctm:invoke', { channel: 'settings:get', payload: undefined });
  });

  it('rejects with a plain {name, code, message} object that survives contextBridge', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_request', message: 'id: too long' } });
    const err = await api.invoke('alerts:ack', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toEqual({ name: 'BridgeError', code: 'invalid_request', message: 'id: too long' });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
    fake.ipcRenderer.invoke.mockResolvedValueOnce(undefined);
    await expect(api.invoke('snapshot:get', undefined)).rejects.toMatchObject({ code: 'failed' });
  });

  it('delivers only the payload to listeners, unsubscribes, and says ready after the first subscriptions', async () => {
    const onPatch = vi.fn();
    const onSnapshot = vi.fn();
    const offPatch = api.on('patch', onPatch);
    api.on('snapshot', onSnapshot);
    expect(fake.ipcRenderer.send).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.ipcRenderer.send.mock.calls).toEqual([['cctm:ready']]);
    const patch = { type: 'patch', at: 1, upsert: {}, remove: {} };
    fake.ipcRenderer.emit('cctm:event:patch', { sender: 'the IPC event' }, patch);
    expect(onPatch).toHaveBeenCalledWith(patch);
    expect(onPatch.mock.calls[0]).toHaveLength(1);
    offPatch();
    fake.ipcRenderer.emit('cctm:event:patch', {}, patch);
    expect(onPatch).toHaveBeenCalledTimes(1);
    // one IPC listener per event for the page's lifetime, whatever the page subscribes
    for (const e of ['snapshot', 'patch', 'navigate']) expect(fake.ipcRenderer.listenerCount(`cctm:event:${e}`)).toBe(1);
    api.on('patch', vi.fn());
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.ipcRenderer.send).toHaveBeenCalledTimes(1);
  });

  it('hands a navigate request that came before its listener to the first one, once', async () => {
    fake.ipcRenderer.emit('cctm:event:navigate', {}, { view: 'alerts', alertId: 'a1' });
    fake.ipcRenderer.emit('cctm:event:navigate', {}, { view: 'alerts', alertId: 'a2' });
    const first = vi.fn();
    const second = vi.fn();
    api.on('navigate', first);
    expect(first).not.toHaveBeenCalled(); // never re-entrantly inside on()
    await new Promise((r) => setTimeout(r, 5));
    expect(first.mock.calls).toEqual([[{ view: 'alerts', alertId: 'a2' }]]);
    api.on('navigate', second);
    await new Promise((r) => setTimeout(r, 5));
    expect(second).not.toHaveBeenCalled();
    // a failing page listener does not stop the others
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.on('navigate', () => {
      throw new Error('page bug');
    });
    fake.ipcRenderer.emit('cctm:event:navigate', {}, { view: 'agents' });
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledWith({ view: 'agents' });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('refuses unknown events and raw channels', () => {
    expect(() => api.on('cctm:invoke' as never, vi.fn())).toThrow(/unknown event/);
    expect(() => api.on('toString' as never, vi.fn())).toThrow(/unknown event/);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeFrame, FakeWebContents, fake, resetElectron } from '../fakes/electron';
import { testCipher } from './helpers';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { ValidatedIpc, registerBridge, INVOKE_CHANNEL, READY_CHANNEL, senderProblem } = await import('../../src/main/ipc');
const { RendererEvents, eventChannel } = await import('../../src/main/events');
const { resolveAppPages } = await import('../../src/main/pages');
const { createCommandHandler } = await import('../../src/core/commands');
const { Engine } = await import('../../src/core/engine');
const { TraySettingsHost } = await import('../../src/core/settings/tray-host');
const { memoryLogger } = await import('../../src/core/util/logger');
const { FakeClock } = await import('../fakes/clock');

const pages = resolveAppPages('/app/out/main', { isPackaged: true, env: {} });
const APP_URL = 'file:///app/out/renderer/index.html';

function memoryStore() {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), delete: (k: string) => void data.delete(k) };
}

async function setup() {
  const log = memoryLogger();
  const engine = new Engine({ clock: new FakeClock(), logger: log });
  const settings = await TraySettingsHost.open({ store: memoryStore(), cipher: testCipher(), log });
  const handler = vi.fn(createCommandHandler({ engine, settings }));
  const events = new RendererEvents(() => engine.snapshot());
  const ipc = new ValidatedIpc(pages, log);
  registerBridge(ipc, handler, events, log);
  return { log, engine, handler, events, ipc };
}

function senderEvent(frame: FakeFrame | null, contents = new FakeWebContents()) {
  return { sender: contents, senderFrame: frame };
}

async function invoke(event: unknown, payload: unknown) {
  const fn = fake.ipcMain.handlers.get(INVOKE_CHANNEL);
  if (!fn) throw new Error('no invoke handler');
  return fn(event, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

beforeEach(() => {
  resetElectron();
});

describe('validated IPC', () => {
  it('registers only prefixed channels and closes channels libraries opened', async () => {
    fake.ipcMain.on('electron-store-get-data', () => undefined);
    const { ipc } = await setup();
    expect([...fake.ipcMain.handlers.keys()]).toEqual(['cctm:invoke']);
    expect(fake.ipcMain.eventNames()).toEqual(['cctm:ready']);
    expect(() => ipc.handle('settings:get', async () => ({ ok: true, value: null }))).toThrow(/must start with "cctm:"/);
    expect(() => ipc.on('ready', () => undefined)).toThrow(/must start with "cctm:"/);
    expect(fake.ipcMain.handlers.has('settings:get')).toBe(false);
  });

  it('answers the main frame of the app page through the command handler', async () => {
    const { handler } = await setup();
    const res = await invoke(senderEvent(new FakeFrame(`${APP_URL}#/alerts`)), { channel: 'settings:get', payload: null });
    expect(res.ok).toBe(true);
    expect(res.value).toMatchObject({ host: 'tray', editable: true, sources: [] });
    expect(handler).toHaveBeenCalledWith('settings:get', null);
  });

  it('refuses a foreign frame, a sub-frame and a vanished frame without running the command', async () => {
    const { handler, log } = await setup();
    const foreign = await invoke(senderEvent(new FakeFrame('https://evil.example.com/')), { channel: 'settings:get', payload: null });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherFile = await invoke(senderEvent(new FakeFrame('file:///tmp/evil.html')), { channel: 'settings:get', payload: null });
    expect(otherFile).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sub = await invoke(senderEvent(new FakeFrame(APP_URL).child(APP_URL)), { channel: 'settings:get', payload: null });
    expect(sub).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Refused: the sender is not the main frame.' } });
    const gone = await invoke(senderEvent(null), { channel: 'settings:get', payload: null });
    expect(gone).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const devServer = await invoke(senderEvent(new FakeFrame('http://localhost:5173/')), { channel: 'settings:get', payload: null });
    expect(devServer).toMatchObject({ ok: false, error: { code: 'forbidden' } }); // packaged: no dev server is trusted
    expect(handler).not.toHaveBeenCalled();
    expect(log.lines.filter((l) => l.includes('refused IPC'))).toHaveLength(5);
  });

  it('refuses unknown channels and invalid payloads with readable errors', async () => {
    const { handler } = await setup();
    const ev = senderEvent(new FakeFrame(APP_URL));
    expect(await invoke(ev, 'settings:get')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await invoke(ev, { channel: 'settings:get', payload: null, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(handler).not.toHaveBeenCalled();
    expect(await invoke(ev, { channel: 'fs:read', payload: {} })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const bad = await invoke(ev, { channel: 'alerts:snooze', payload: { minutes: -5 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(bad.error!.message).toMatch(/^alerts:snooze: minutes: /);
    const extra = await invoke(ev, { channel: 'alerts:ack', payload: { id: 'x', __proto__: { polluted: true }, more: 1 } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('refuses alert rules that could never work, and keeps the rules it had', async () => {
    await setup();
    const ev = senderEvent(new FakeFrame(APP_URL));
    const update = (rules: unknown[]) => invoke(ev, { channel: 'settings:update', payload: { alerts: { rules } } });
    expect(await update([{ id: 'agent.latency', warning: 200 }])).toMatchObject({ ok: true });
    expect(await update([{ id: 'queue.waiting', raiseN: 5, raiseM: 2 }])).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'alerts.rules[0] (queue.waiting): raiseN 5 is more than raiseM 2, so the rule could never raise' },
    });
    expect(await update([{ id: 'agent.jitter', warning: 50, critical: 10 }])).toMatchObject({ ok: false, error: { message: 'alerts.rules[0] (agent.jitter): warning 50 is above critical 10' } });
    expect(await update([{ id: 'nope.rule', warning: 5 }])).toMatchObject({ ok: false, error: { message: /^alert rule "nope.rule" names no known metric/ } });
    const view = (await invoke(ev, { channel: 'settings:get', payload: null })) as { value: { alerts: { rules: unknown[] } } };
    expect(view.value.alerts.rules).toEqual([{ id: 'agent.latency', warning: 200 }]);
  });

  it('passes the reason of a refusal the dashboard words itself, and the field it is about', async () => {
    await setup();
    const ev = senderEvent(new FakeFrame(APP_URL));
    const config = { id: 'wv', vendor: 'wolkvox', name: 'Bogotá', server: '0031', token: 'wolkvox-token-for-the-duplicate-test' };
    expect(await invoke(ev, { channel: 'sources:save', payload: { config, allowPlaintextSecrets: true } })).toMatchObject({ ok: true });
    const again = await invoke(ev, { channel: 'sources:save', payload: { config, allowPlaintextSecrets: true } });
    expect(again).toEqual({ ok: false, error: { code: 'invalid_request', message: 'id: a source named "wv" already exists', reason: 'duplicate_id', field: 'id' } });
    // No demo sources in this host: a reason, no field.
    expect(await invoke(ev, { channel: 'sources:demo', payload: {} })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'Demo sources are not available here.', reason: 'demo_unavailable' },
    });
  });

  it('stores demo sources as the schema reads them: a later change of the settings leaves their views as they were', async () => {
    const log = memoryLogger();
    const engine = new Engine({ clock: new FakeClock(), logger: log });
    const settings = await TraySettingsHost.open({ store: memoryStore(), cipher: testCipher(), log });
    // Written by hand, fields in no particular order and defaults left out, as the simulators give them.
    const demo = async () => [{ token: 'demo-token-123', baseUrl: 'http://127.0.0.1:9', server: '0031', vendor: 'wolkvox', id: 'demo-wolkvox', name: 'Wolkvox (demo)' }] as never;
    const handler = createCommandHandler({ engine, settings, demo });
    const added = (await handler('sources:demo', {})) as { sources: unknown[] };
    // The tray host reads its whole document again on any change (a pause here).
    await handler('alerts:pause-notifications', { paused: true });
    const after = (await handler('settings:get', undefined)) as { sources: unknown[] };
    expect(JSON.stringify(after.sources)).toBe(JSON.stringify(added.sources));
    await engine.stop();
  });

  it('a dashboard that cannot be told of a change does not turn the change into an error', async () => {
    const log = memoryLogger();
    const engine = new Engine({ clock: new FakeClock(), logger: log });
    const settings = await TraySettingsHost.open({ store: memoryStore(), cipher: testCipher(), log });
    const failed: unknown[] = [];
    const handler = createCommandHandler({
      engine,
      settings,
      onSettingsView: () => {
        throw new Error('the window is gone');
      },
      onTellFailed: (e) => failed.push(e),
    });
    expect(await handler('alerts:pause-notifications', { paused: true })).toBe(true);
    expect(settings.get().alerts.notificationsPaused).toBe(true);
    expect(failed).toEqual([new Error('the window is gone')]);
    await engine.stop();
  });

  it('tells the tray at once when notifications are paused or resumed from a dashboard', async () => {
    const log = memoryLogger();
    const engine = new Engine({ clock: new FakeClock(), logger: log });
    const settings = await TraySettingsHost.open({ store: memoryStore(), cipher: testCipher(), log });
    const told: boolean[] = [];
    const handler = createCommandHandler({ engine, settings, onPauseChanged: (paused) => told.push(paused) });
    await handler('alerts:pause-notifications', { paused: true });
    await handler('alerts:pause-notifications', { paused: false });
    expect(told).toEqual([true, false]);
    await engine.stop();
  });

  it('holds events until the dashboard is ready, then sends a snapshot first', async () => {
    const { events, engine } = await setup();
    const contents = new FakeWebContents();
    events.follow(contents);
    events.send('patch', { type: 'patch', at: 1, upsert: {}, remove: {} });
    // Settings pushed before "ready" are read again with the snapshot: dropped like the patches.
    events.send('settings', { alerts: { notificationsPaused: true } } as never);
    events.send('navigate', { view: 'alerts', alertId: 'a1' });
    expect(contents.sent).toEqual([]);
    // a ready message from a foreign frame changes nothing
    fake.ipcMain.emit(READY_CHANNEL, senderEvent(new FakeFrame('https://evil.example.com/'), contents));
    expect(contents.sent).toEqual([]);
    fake.ipcMain.emit(READY_CHANNEL, senderEvent(new FakeFrame(APP_URL), contents));
    expect(contents.sent.map((s) => s.channel)).toEqual([eventChannel('snapshot'), eventChannel('navigate')]);
    expect(contents.sent[0]!.payload).toMatchObject({ sources: [], agents: [] });
    expect(contents.sent[1]!.payload).toEqual({ view: 'alerts', alertId: 'a1' });
    events.send('patch', { type: 'patch', at: 2, upsert: {}, remove: {} });
    expect(contents.sent.at(-1)!.channel).toBe('cctm:event:patch');
    // a reload waits for "ready" again
    contents.emit('did-start-loading');
    events.send('patch', { type: 'patch', at: 3, upsert: {}, remove: {} });
    expect(contents.sent).toHaveLength(3);
    contents.destroyed = true;
    contents.emit('destroyed');
    expect(events.isReady).toBe(false);
    expect(engine.snapshot().sources).toEqual([]);
  });

  it('keeps the waiting queue short', async () => {
    const { events } = await setup();
    const contents = new FakeWebContents();
    events.attach(contents);
    for (let i = 0; i < 100; i++) events.send('navigate', { view: `v${i}` });
    events.markReady(contents);
    expect(contents.sent).toHaveLength(21);
    expect(contents.sent[1]!.payload).toEqual({ view: 'v80' });
  });

  it('senderProblem accepts the packaged page with any hash or query', () => {
    expect(senderProblem(senderEvent(new FakeFrame(`${APP_URL}?x=1#/a`)) as never, pages)).toBeNull();
    expect(senderProblem(senderEvent(new FakeFrame('file://host/app/out/renderer/index.html')) as never, pages)).toMatch(/not one of the app pages/);
    expect(senderProblem(senderEvent(new FakeFrame('file:///app/out/renderer/other.html')) as never, pages)).toMatch(/not one of the app pages/);
  });
});

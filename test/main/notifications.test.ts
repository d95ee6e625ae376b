import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeNotification, fake, resetElectron } from '../fakes/electron';
import type { AlertNotification } from '../../src/core/alerts/types';
import type { Alert } from '../../src/shared/model';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { ElectronNotifier } = await import('../../src/main/notifications');
const { notificationActionHandler } = await import('../../src/core/alerts/actions');
const { onResume, installQuitHandling } = await import('../../src/main/lifecycle');
const { memoryLogger } = await import('../../src/core/util/logger');

const note = (over: Partial<AlertNotification> = {}): AlertNotification => ({
  id: 'n1',
  kind: 'raise',
  severity: 'critical',
  title: 'Sales: 12 calls waiting',
  body: 'Longest wait 3 min',
  alertIds: ['queue.waiting|ax:7'],
  sound: true,
  actions: [{ label: 'Acknowledge', action: { kind: 'ack' } }, { label: 'Snooze 1 h', action: { kind: 'snooze', minutes: 60 } }],
  ...over,
});

beforeEach(() => {
  resetElectron();
});

describe('Electron notifications', () => {
  it('shows without touching any window; a click opens the dashboard at the alert', async () => {
    const onClick = vi.fn();
    const n = new ElectronNotifier({ onClick, log: memoryLogger() }, 'linux');
    await n.notify(note());
    const shown = FakeNotification.instances[0]!;
    expect(shown.show).toHaveBeenCalled();
    expect(shown.options).toMatchObject({ title: 'Sales: 12 calls waiting', body: 'Longest wait 3 min', silent: false, urgency: 'critical' });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.app.focus).not.toHaveBeenCalled();
    shown.emit('click');
    expect(onClick).toHaveBeenCalledWith('queue.waiting|ax:7');
  });

  it('is silent when the sound flag is off and replaces a notification with the same id', async () => {
    const n = new ElectronNotifier({ onClick: vi.fn(), log: memoryLogger() }, 'win32');
    await n.notify(note({ sound: false, severity: 'warning' }));
    await n.notify(note({ sound: false, severity: 'warning', body: 'again' }));
    expect(FakeNotification.instances[0]!.options).toMatchObject({ silent: true, urgency: 'normal' });
    expect(FakeNotification.instances[0]!.close).toHaveBeenCalled();
    expect(FakeNotification.instances[1]!.shown).toBe(true);
  });

  it('takes a notification away once every alert it names has resolved; a group opens the list', async () => {
    const onClick = vi.fn();
    const n = new ElectronNotifier({ onClick, log: memoryLogger() }, 'linux');
    // A group of three critical alerts (never times out) and a single one.
    await n.notify(note({ id: 'group|queue.waiting|1000', kind: 'group', alertIds: ['q1', 'q2', 'q3'] }));
    await n.notify(note({ id: 'q4', alertIds: ['q4'] }));
    const [group, single] = FakeNotification.instances;
    group!.emit('click');
    expect(onClick).toHaveBeenLastCalledWith(undefined);
    n.dismiss(['q1', 'q2']);
    expect(group!.close).not.toHaveBeenCalled(); // q3 still firing
    n.dismiss(['q3']);
    expect(group!.close).toHaveBeenCalledTimes(1);
    expect(single!.close).not.toHaveBeenCalled();
    // A recovery shown stays (it times out by itself) and closes nothing else.
    await n.notify(note({ id: 'recover|queue.waiting|2000', kind: 'recover', severity: 'critical', alertIds: ['q1', 'q2', 'q3'], actions: [] }));
    n.dismiss(['q1', 'q2', 'q3']);
    expect(FakeNotification.instances[2]!.close).not.toHaveBeenCalled();
    n.dismiss(['q4']);
    expect(single!.close).toHaveBeenCalledTimes(1);
  });

  it('offers buttons on macOS and turns them into bridge commands', async () => {
    const handler = vi.fn(async (_c: string, _p: unknown): Promise<unknown> => null);
    const live = (id: string) => ({ id, state: 'firing', since: id === 'a1' ? 1_000 : 2_000 }) as Alert;
    const onAction = notificationActionHandler(handler, memoryLogger(), live);
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction, log: memoryLogger() }, 'darwin');
    await n.notify(note({ alertIds: ['a1', 'a2'], lifecycles: { a1: 1_000, a2: 2_000 } }));
    const shown = FakeNotification.instances[0]!;
    expect((shown.options as { actions?: unknown }).actions).toEqual([{ type: 'button', text: 'Acknowledge' }, { type: 'button', text: 'Snooze 1 h' }]);
    shown.emit('action', {}, 0);
    shown.emit('action', {}, 1);
    shown.emit('action', {}, 7);
    expect(handler.mock.calls).toEqual([
      ['alerts:ack', { id: 'a1' }],
      ['alerts:ack', { id: 'a2' }],
      ['alerts:snooze', { minutes: 60, alertId: 'a1' }],
      ['alerts:snooze', { minutes: 60, alertId: 'a2' }],
    ]);
  });

  it('offers the same buttons on Windows toasts, reading the action from its details', async () => {
    const handler = vi.fn(async (_c: string, _p: unknown): Promise<unknown> => null);
    const onAction = notificationActionHandler(handler, memoryLogger(), (id) => ({ id, state: 'firing', since: 1_000 }) as Alert);
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction, log: memoryLogger() }, 'win32');
    await n.notify(note({ alertIds: ['a1'], lifecycles: { a1: 1_000 } }));
    const shown = FakeNotification.instances[0]!;
    expect((shown.options as { actions?: unknown }).actions).toEqual([{ type: 'button', text: 'Acknowledge' }, { type: 'button', text: 'Snooze 1 h' }]);
    shown.emit('action', { actionIndex: 1, selectionIndex: -1 }, 0);
    expect(handler.mock.calls).toEqual([['alerts:snooze', { minutes: 60, alertId: 'a1' }]]);
  });

  it("acknowledges from an old notification only the alerts still in the lifecycle it showed; snoozes them all", async () => {
    const handler = vi.fn(async (_c: string, _p: unknown): Promise<unknown> => null);
    const log = memoryLogger();
    // a1 ended and fired again since the notification; a2 ended; a3 is the one it showed.
    const now: Record<string, Alert> = {
      a1: { id: 'a1', state: 'firing', since: 5_000 } as Alert,
      a2: { id: 'a2', state: 'resolved', since: 2_000 } as Alert,
      a3: { id: 'a3', state: 'firing', since: 3_000 } as Alert,
    };
    const onAction = notificationActionHandler(handler, log, (id) => now[id]);
    const n = new ElectronNotifier({ onClick: vi.fn(), onAction, log: memoryLogger() }, 'darwin');
    await n.notify(note({ alertIds: ['a1', 'a2', 'a3'], lifecycles: { a1: 1_000, a2: 2_000, a3: 3_000 } }));
    const shown = FakeNotification.instances[0]!;
    shown.emit('action', {}, 0);
    expect(handler.mock.calls).toEqual([['alerts:ack', { id: 'a3' }]]);
    expect(log.lines.some((l) => l.includes('2 of its alerts ended since it was shown'))).toBe(true);
    shown.emit('action', {}, 1);
    expect(handler.mock.calls.slice(1).map((c) => (c[1] as { alertId: string }).alertId)).toEqual(['a1', 'a2', 'a3']);
  });

  it('falls back when notifications are not supported, and logs failures without throwing', async () => {
    const fallback = { notify: vi.fn() };
    const log = memoryLogger();
    FakeNotification.supported = false;
    const n = new ElectronNotifier({ onClick: vi.fn(), fallback, log }, 'linux');
    await n.notify(note());
    expect(fallback.notify).toHaveBeenCalledTimes(1);
    expect(FakeNotification.instances).toHaveLength(0);

    FakeNotification.supported = true;
    const broken = vi.spyOn(FakeNotification.prototype as unknown as { on: () => void }, 'on').mockImplementation(() => {
      throw new Error('notification service crashed');
    });
    await expect(n.notify(note())).resolves.toBeUndefined();
    broken.mockRestore();
    expect(fallback.notify).toHaveBeenCalledTimes(2);
    expect(log.lines.join('\n')).toMatch(/could not show a notification/);

    // A toast Windows could not show goes to the fallback as well.
    const toast = FakeNotification.instances.length;
    await n.notify(note({ id: 'n2' }));
    FakeNotification.instances[toast]!.emit('failed', {}, 'toast activation failed');
    await Promise.resolve();
    expect(fallback.notify).toHaveBeenCalledTimes(3);
    expect(log.lines.join('\n')).toMatch(/notification failed: toast activation failed/);

    fallback.notify.mockRejectedValueOnce(new Error('node-notifier failed'));
    FakeNotification.supported = false;
    await expect(n.notify(note())).resolves.toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/fallback notifier failed too/);
  });
});

describe('lifecycle', () => {
  it('resume from sleep makes every source check its connection once', () => {
    const check = vi.fn();
    onResume(check, memoryLogger());
    fake.powerMonitor.emit('resume');
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('quitting stops the engine before the process exits, once', async () => {
    let release!: () => void;
    const cleanup = vi.fn(() => new Promise<void>((r) => (release = r)));
    const life = installQuitHandling(cleanup, memoryLogger());
    expect(life.isQuitting()).toBe(false);
    fake.app.emit('before-quit');
    expect(life.isQuitting()).toBe(true);
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(fake.app.quit).not.toHaveBeenCalled();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    const second = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(cleanup).toHaveBeenCalledTimes(1);
  });
});

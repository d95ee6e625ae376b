import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, fake, resetElectron, type FakeMenu } from '../fakes/electron';
import type { TrayModel } from '../../src/core/tray/model';

vi.mock('electron', async () => (await import('../fakes/electron')).electronModule);

const { TrayService, trayMenuTemplate } = await import('../../src/main/tray');
const { startTrayUpdates } = await import('../../src/main/tray-updates');
const { startEngineTray } = await import('../../src/main/engine-tray');
const { Engine } = await import('../../src/core/engine');
const { memoryLogger } = await import('../../src/core/util/logger');
const { FakeClock } = await import('../fakes/clock');
const { buildTrayModel } = await import('../../src/core/tray/build');
const { createCommandHandler } = await import('../../src/core/commands');
const { TraySettingsHost } = await import('../../src/core/settings/tray-host');
const { testCipher } = await import('./helpers');

/** The menu's words as the model builder gives them. */
const menuText = (language: 'en' | 'es' | 'fr' | 'ru' = 'en') =>
  buildTrayModel({ at: 0, sources: [], agents: [], queues: [], sites: [], lines: [], alerts: [], log: [] }, { now: 0, notificationsPaused: false, language }).menu;

const model = (over: Partial<TrayModel> = {}): TrayModel => ({
  level: 'critical',
  tooltip: '1 critical · 3 calls waiting',
  title: '1',
  topAlerts: [{ id: 'a1', label: 'Sales: 12 calls waiting', severity: 'critical' }, { id: 'a2', label: 'Ana: latency 250 ms', severity: 'warning' }],
  sources: [
    { id: 'wv', label: 'Wolkvox', status: 'live', menuLabel: 'Wolkvox — live' },
    { id: 'ax', label: 'Axialys', status: 'auth_failed', menuLabel: 'Axialys — sign-in failed' },
  ],
  notificationsPaused: false,
  updateReady: false,
  menu: menuText(),
  ...over,
});

const actions = () => ({ openDashboard: vi.fn(), openAlert: vi.fn(), snoozeAll: vi.fn(), setNotificationsPaused: vi.fn(), restartToUpdate: vi.fn(), quit: vi.fn() });

beforeEach(() => {
  resetElectron();
});

describe('tray menu', () => {
  it('wires every item to its action', () => {
    const a = actions();
    const tray = new TrayService('/res/tray', a, 'linux');
    tray.render(model());
    const menu = FakeTray.instances[0]!.menu as FakeMenu;
    menu.find('Open dashboard')!.click!();
    expect(a.openDashboard).toHaveBeenCalled();
    menu.find(/Sales: 12 calls waiting/)!.click!();
    expect(a.openAlert).toHaveBeenCalledWith('a1');
    const snooze = menu.find('Snooze all')!;
    expect(snooze.submenu!.map((i) => i.label)).toEqual(['15 minutes', '1 hour', '4 hours']);
    snooze.submenu![1]!.click!();
    snooze.submenu![2]!.click!();
    expect(a.snoozeAll.mock.calls).toEqual([[60], [240]]);
    const pause = menu.find('Pause notifications')!;
    expect(pause).toMatchObject({ type: 'checkbox', checked: false });
    pause.click!();
    expect(a.setNotificationsPaused).toHaveBeenCalledWith(true);
    expect(menu.find('Sources')!.submenu!.map((i) => i.label)).toEqual(['Wolkvox — live', 'Axialys — sign-in failed']);
    menu.find(/^Quit/)!.click!();
    expect(a.quit).toHaveBeenCalled();
    // a click on the icon opens the dashboard
    FakeTray.instances[0]!.emit('click');
    expect(a.openDashboard).toHaveBeenCalledTimes(2);
  });

  it("speaks the model's language", () => {
    const items = trayMenuTemplate(model({ menu: menuText('es') }), actions());
    expect(items.map((i) => i.label).filter(Boolean)).toEqual([
      'Abrir el panel',
      'Alertas activas',
      '● Sales: 12 calls waiting',
      '▲ Ana: latency 250 ms',
      'Posponer todas',
      'Pausar notificaciones',
      'Fuentes',
      'Salir de CC Tray Monitor',
    ]);
    expect(items.find((i) => i.label === 'Posponer todas')!.submenu).toMatchObject([{ label: '15 minutos' }, { label: '1 hora' }, { label: '4 horas' }]);
    const ru = trayMenuTemplate(model({ topAlerts: [], sources: [], menu: menuText('ru') }), actions());
    expect(ru.map((i) => i.label).filter(Boolean)).toEqual(['Открыть панель', 'Активных оповещений нет', 'Приостановить уведомления', 'Источники не настроены', 'Выйти из CC Tray Monitor']);
  });

  it('without alerts or sources says so and offers no snooze', () => {
    const items = trayMenuTemplate(model({ topAlerts: [], sources: [], notificationsPaused: true }), actions());
    const labels = items.map((i) => i.label).filter(Boolean);
    expect(labels).toEqual(['Open dashboard', 'No active alerts', 'Pause notifications', 'No sources configured', 'Quit CC Tray Monitor']);
    expect(items.find((i) => i.label === 'Pause notifications')!.checked).toBe(true);
  });

  it('offers "Restart to update" next to Quit once an update is downloaded, in the menu\'s language', () => {
    expect(trayMenuTemplate(model(), actions()).some((i) => i.label === 'Restart to update')).toBe(false);
    const a = actions();
    const tray = new TrayService('/res/tray', a, 'linux');
    tray.render(model({ topAlerts: [], sources: [] }));
    tray.render(model({ topAlerts: [], sources: [], updateReady: true }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(2); // the menu changes with it
    const menu = FakeTray.instances[0]!.menu as FakeMenu;
    expect(menu.items.map((i) => i.label).filter(Boolean)).toEqual(['Open dashboard', 'No active alerts', 'Pause notifications', 'No sources configured', 'Restart to update', 'Quit CC Tray Monitor']);
    menu.find('Restart to update')!.click!();
    expect(a.restartToUpdate).toHaveBeenCalledTimes(1);
    expect(a.quit).not.toHaveBeenCalled();
    const fr = trayMenuTemplate(model({ updateReady: true, menu: menuText('fr') }), actions()).map((i) => i.label).filter(Boolean);
    expect(fr.slice(-2)).toEqual(['Redémarrer pour mettre à jour', 'Quitter CC Tray Monitor']);
  });

  it('shows the level icon, the tooltip, and the count on macOS only', () => {
    const mac = new TrayService('/res/tray', actions(), 'darwin');
    mac.render(model());
    const t = FakeTray.instances[0]!;
    expect((t.image as { path: string }).path).toBe('/res/tray/critical.png');
    expect(t.tooltip).toBe('1 critical · 3 calls waiting');
    expect(t.title).toBe('1');
    mac.render(model({ level: 'ok', title: '', topAlerts: [] }));
    expect((t.image as { path: string }).path).toBe('/res/tray/ok.png');
    expect(t.title).toBe('');
    const win = new TrayService('/res/tray', actions(), 'win32');
    win.render(model());
    expect(FakeTray.instances[1]!.setTitle).not.toHaveBeenCalled();
    // On macOS a click on the menu-bar icon opens its menu only, not the dashboard as well.
    const a = actions();
    new TrayService('/res/tray', a, 'darwin').render(model());
    FakeTray.instances[2]!.emit('click');
    expect(a.openDashboard).not.toHaveBeenCalled();
  });

  it('rebuilds the menu only when its content changes', () => {
    const tray = new TrayService('/res/tray', actions(), 'linux');
    tray.render(model());
    tray.render(model({ tooltip: 'changed tooltip' }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    tray.render(model({ notificationsPaused: true }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    tray.render(model({ notificationsPaused: true, menu: menuText('fr') }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(3);
    tray.destroy();
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
  });

  it('rebuilds the menu at most once a minute while only its figures change, at once when its words do', () => {
    let now = 1_000_000;
    const tray = new TrayService('/res/tray', actions(), 'win32', () => now);
    const waitFor = (sec: number, extra: Partial<TrayModel> = {}) => model({ topAlerts: [{ id: 'w', label: `Sales: longest wait ${sec} s (threshold 180 s)`, severity: 'critical' }], ...extra });
    tray.render(waitFor(200));
    // A longest wait ticks every second: the open menu would close under the cursor each time.
    for (let s = 201; s < 260; s++) {
      now += 1000;
      tray.render(waitFor(s));
    }
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    now += 1000;
    tray.render(waitFor(260));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    expect((FakeTray.instances[0]!.menu as FakeMenu).find(/longest wait 260 s/)).toBeDefined();
    // A change of words (acknowledged, another alert, a source's state) is shown at once.
    now += 1000;
    tray.render(waitFor(261, { topAlerts: [{ id: 'w', label: 'Sales: longest wait 261 s (threshold 180 s) (acknowledged)', severity: 'critical' }] }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(3);
    now += 1000;
    tray.render(waitFor(262, { sources: [{ id: 'wv', label: 'Wolkvox', status: 'down', menuLabel: 'Wolkvox — down' }] }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(4);
  });

  it('never replaces the menu while it is open: the latest change is shown once it closes', async () => {
    let now = 1_000_000;
    const tray = new TrayService('/res/tray', actions(), 'darwin', () => now);
    tray.render(model());
    const open = FakeTray.instances[0]!.menu as FakeMenu;
    open.emit('menu-will-show');
    now += 90_000;
    tray.render(model({ notificationsPaused: true }));
    tray.render(model({ notificationsPaused: true, topAlerts: [] }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(FakeTray.instances[0]!.menu).toBe(open);
    // The tooltip and the icon still follow.
    tray.render(model({ notificationsPaused: true, topAlerts: [], tooltip: 'No alerts', level: 'ok' }));
    expect(FakeTray.instances[0]!.tooltip).toBe('No alerts');
    open.emit('menu-will-close');
    await new Promise((r) => setTimeout(r, 5));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    const shown = FakeTray.instances[0]!.menu as FakeMenu;
    expect(shown.find('No active alerts')).toBeDefined();
    expect(shown.find('Pause notifications')!.checked).toBe(true);
    // A close never heard does not freeze the menu: after two minutes said open, it is replaced.
    shown.emit('menu-will-show');
    now += 60_000;
    tray.render(model({ notificationsPaused: false, topAlerts: [] }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    now += 61_000;
    tray.render(model({ notificationsPaused: false, topAlerts: [] }));
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(3);
    expect((FakeTray.instances[0]!.menu as FakeMenu).find('Pause notifications')!.checked).toBe(false);
  });
});

describe('tray updates', () => {
  it('renders at once, then at most once a second after changes, and every 15 s anyway', async () => {
    const clock = new FakeClock();
    const listeners: (() => void)[] = [];
    const render = vi.fn();
    const build = vi.fn((_s: unknown, o: { now: number; notificationsPaused: boolean }) => model({ tooltip: String(o.now) }));
    const updates = startTrayUpdates({
      clock,
      snapshot: () => ({ at: clock.now(), sources: [], agents: [], queues: [], sites: [], alerts: [] }),
      subscribe: (l) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)),
      notificationsPaused: () => true,
      build,
      render,
    });
    expect(render).toHaveBeenCalledTimes(1);
    expect(build.mock.calls[0]![1]).toEqual({ now: clock.now(), notificationsPaused: true });
    for (let i = 0; i < 50; i++) listeners[0]!();
    await clock.advance(999);
    expect(render).toHaveBeenCalledTimes(1);
    await clock.advance(1);
    expect(render).toHaveBeenCalledTimes(2);
    await clock.advance(15_000);
    expect(render).toHaveBeenCalledTimes(3);
    updates.stop();
    expect(listeners).toHaveLength(0);
    await clock.advance(60_000);
    expect(render).toHaveBeenCalledTimes(3);
    expect(clock.pending).toBe(0);
  });

  it('"Snooze all" quiets the alerts firing now, not one raised afterwards', async () => {
    const clock = new FakeClock();
    const log = memoryLogger();
    const engine = new Engine({ clock, logger: log });
    const data = new Map<string, unknown>();
    const settings = await TraySettingsHost.open({ store: { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), delete: (k: string) => void data.delete(k) }, cipher: testCipher(), log });
    const handler = createCommandHandler({ engine, settings });
    const tray = startEngineTray({ engine, handler, iconDir: '/res/tray', openDashboard: vi.fn(), openAlert: vi.fn(), quit: vi.fn(), log, language: () => 'en' });
    engine.alerts.onVendorAlert('wv', { type: 'vendor.alert', queueId: 'sales', metric: 'vendor.alert_op', validitySec: 3600, message: 'Sales: overflow' }, clock.now());
    tray.refresh();
    await clock.advance(1000);
    (FakeTray.instances[0]!.menu as FakeMenu).find('Snooze all')!.submenu![2]!.click!();
    await clock.advance(0);
    await new Promise((r) => setTimeout(r, 0));
    const [first] = engine.alerts.list('firing');
    expect(first!.snoozedUntil).toBe(clock.now() + 240 * 60_000);
    // Raised ten minutes later: not covered by the snooze.
    await clock.advance(600_000);
    engine.alerts.onVendorAlert('wv', { type: 'vendor.alert', queueId: 'support', metric: 'vendor.alert_op', validitySec: 3600, message: 'Support: overflow' }, clock.now());
    const later = engine.alerts.list('firing').find((a) => a.id !== first!.id)!;
    expect(later.snoozedUntil).toBeNull();
    tray.stop();
  });

  it('tray actions of a running engine go through the command handler', async () => {
    const clock = new FakeClock();
    const engine = new Engine({ clock, logger: memoryLogger() });
    const handler = vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => []);
    const a = { openDashboard: vi.fn(), openAlert: vi.fn(), quit: vi.fn(), restartToUpdate: vi.fn() };
    let language: 'en' | 'fr' = 'en';
    let updateReady = false;
    const tray = startEngineTray({ engine, handler, iconDir: '/res/tray', ...a, log: memoryLogger(), language: () => language, updateReady: () => updateReady });
    const t = FakeTray.instances[0]!;
    expect((t.image as { path: string }).path).toBe('/res/tray/ok.png');
    engine.alerts.onVendorAlert('wv', { type: 'vendor.alert', queueId: 'sales', metric: 'vendor.alert_op', validitySec: 300, message: 'Sales: overflow' }, clock.now());
    tray.refresh();
    await clock.advance(1000);
    expect((t.image as { path: string }).path).toBe('/res/tray/critical.png');
    const menu = t.menu as FakeMenu;
    const alert = engine.alerts.list('firing')[0]!;
    menu.find(`● ${alert.message}`)!.click!();
    expect(a.openAlert).toHaveBeenCalledWith(alert.id);
    // "Snooze all" snoozes the alerts firing now, one by one: not those raised later (a feed lost).
    menu.find('Snooze all')!.submenu![1]!.click!();
    await clock.advance(0);
    menu.find('Pause notifications')!.click!();
    await clock.advance(0);
    expect(handler.mock.calls).toEqual([
      ['alerts:snooze', { minutes: 60, alertId: alert.id }],
      ['alerts:pause-notifications', { paused: true }],
    ]);
    menu.find(/^Quit/)!.click!();
    expect(a.quit).toHaveBeenCalled();
    expect(menu.find('Restart to update')).toBeUndefined();
    // a downloaded update shows at the next render, and the item restarts into it
    updateReady = true;
    tray.refresh();
    await clock.advance(1000);
    (t.menu as FakeMenu).find('Restart to update')!.click!();
    expect(a.restartToUpdate).toHaveBeenCalledTimes(1);
    // the language is read at each render: a change in settings shows at the next one
    language = 'fr';
    tray.refresh();
    await clock.advance(1000);
    const fr = t.menu as FakeMenu;
    expect(fr.find('Ouvrir le tableau de bord')).toBeTruthy();
    expect(fr.find('● Agents en nombre insuffisant (signalé par l’éditeur) — sales (wv)')).toBeTruthy();
    expect(t.tooltip).toMatch(/^1 critique · /);
    expect(t.tooltip).not.toMatch(/heures calmes/);
    // quiet hours in force show in the tooltip (all week: no end to name)
    engine.alerts.setSettings({ ...engine.alerts.settings(), quietHours: { windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' }], allowCritical: true } });
    tray.refresh();
    await clock.advance(1000);
    expect(t.tooltip).toMatch(/ · heures calmes · /);
    tray.stop();
    expect(t.destroyed).toBe(true);
  });
});

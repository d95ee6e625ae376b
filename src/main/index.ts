/**
 * The tray app's composition root: wires Electron to the engine. Behaviour lives in src/core and in
 * the small services next to this file; this file only connects them.
 */
import './v8-flags';
import { app, screen, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../core/engine';
import { createCommandHandler } from '../core/commands';
import { NodeNotifier } from '../core/notify/node-notifier';
import { startDemo } from '../simulators/demo';
import { startWebhookReceiver } from '../server/hooks';
import { resolveAppPages } from './pages';
import { hardenSession, guardWebContents } from './security';
import { openExternal } from './external';
import { DashboardWindow, WINDOW_PLACE_KEY } from './window';
import { RendererEvents } from './events';
import { ValidatedIpc, registerBridge } from './ipc';
import { startEngineTray } from './engine-tray';
import { staleAfterFor } from '../core/tray/build';
import { ElectronNotifier } from './notifications';
import { notificationActionHandler } from '../core/alerts/actions';
import { openTraySettings } from './settings';
import { DemoController } from './demo';
import { WebhookPort } from './webhook-port';
import { applyStartAtLogin, startedAtLogin } from './login-item';
import { claimSingleInstance } from './single-instance';
import { installQuitHandling, onResume } from './lifecycle';
import { startAutoUpdate, SIGNED_BUILD } from './updater';
import { createMainLogger } from './log';
import { reportStartupFailure } from './startup-error';
import { matchLanguage } from '../shared/i18n';
import type { Logger } from '../core/util/logger';

const here = dirname(fileURLToPath(import.meta.url));
const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
const pages = resolveAppPages(here, { isPackaged: app.isPackaged, env: process.env });
let dashboard: DashboardWindow | null = null;

// The lock before the logger: opening the log may rotate main.log, which a second launch must never do
// to the running instance's log (that second launch only hands over and quits).
if (claimSingleInstance(() => dashboard?.show())) {
  const logDir = app.getPath('logs');
  const log = createMainLogger(logDir);
  if (process.platform === 'win32') app.setAppUserModelId('com.cctraymonitor.app');
  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, pages, (url) => openExternal(url, log), log));
  void app
    .whenReady()
    .then(() => main(log))
    .catch((e) => reportStartupFailure(e, log, logDir));
}

async function main(log: Logger): Promise<void> {
  if (process.platform === 'darwin') app.dock?.hide();
  hardenSession(session.defaultSession, pages, log);
  const { host: settings, store } = await openTraySettings(log);
  const events = new RendererEvents(() => engine.snapshot());
  const openAlert = (alertId?: string) => {
    dashboard?.show();
    events.send('navigate', { view: 'alerts', alertId });
  };
  const notify = log.child('notify');
  const onAction: typeof act = (n, a) => act(n, a);
  const fallback = new NodeNotifier({ logger: notify, iconPath: join(resources, 'icon.png'), onAction });
  const notifier = new ElectronNotifier({ onClick: openAlert, onAction, fallback, log: notify });
  // Notifications and the tray speak the dashboard's language: the one chosen in settings, else the system's.
  const language = () => settings.get().ui.language ?? matchLanguage(app.getLocale());
  const engine = new Engine({ logger: log.child('engine'), notifier, language, alertSettings: settings.get().alerts, alertHistoryPath: join(app.getPath('userData'), 'alert-history.json') });
  const demo = new DemoController(startDemo, store, log.child('demo'));
  const webhooks = new WebhookPort(startWebhookReceiver, engine.webhooks, log.child('webhooks'));
  const applyApp = async () => {
    applyStartAtLogin(settings.get().app.startAtLogin, log);
    tray.refresh();
    updates.recheck();
    await webhooks.apply(settings.get().app.webhookPort);
  };
  const handler = createCommandHandler({
    engine,
    settings,
    demo: () => demo.sources(),
    onSettingsChanged: applyApp,
    // Paused from the dashboard: the tray's checkbox and tooltip follow at once, not at their next render.
    onPauseChanged: () => tray.refresh(),
    // The window shows a change made from the tray menu (pause) as it happens.
    onSettingsView: (view) => events.send('settings', view),
    onTellFailed: (e) => log.warn('the dashboard could not be told of a settings change', e),
    webhookReceiver: () => webhooks.state(),
  });
  const act = notificationActionHandler(handler, notify, (id) => engine.alerts.get(id));
  // Before the tray, whose first render asks whether an update is ready; the tray is refreshed only
  // once a download has completed, long after both exist.
  const updates = startAutoUpdate({
    policy: () => ({ enabled: settings.get().app.autoUpdate, isPackaged: app.isPackaged, signed: SIGNED_BUILD }),
    log: log.child('update'),
    language,
    onReady: () => tray.refresh(),
  });
  const tray = startEngineTray({
    engine,
    handler,
    iconDir: join(resources, 'tray'),
    openDashboard: () => dashboard?.show(),
    openAlert,
    quit: () => app.quit(),
    log,
    language,
    staleAfterSec: () => staleAfterFor(settings.get().sources),
    updateReady: () => updates.ready() !== null,
    restartToUpdate: () => updates.restart(),
  });
  const lifecycle = installQuitHandling(async () => {
    updates.stop();
    tray.stop();
    await Promise.allSettled([engine.stop(), webhooks.close(), demo.stop()]);
  }, log);
  dashboard = new DashboardWindow({
    pages,
    preloadPath: join(here, '../preload/index.cjs'),
    iconPath: join(resources, 'icon.png'),
    devTools: !app.isPackaged,
    hideOnClose: () => settings.get().app.hideOnClose,
    isQuitting: () => lifecycle.isQuitting(),
    onCreated: (win) => events.follow(win.webContents),
    place: { load: () => store.get(WINDOW_PLACE_KEY), save: (p) => store.set(WINDOW_PLACE_KEY, p) },
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
    onPageGone: (reason, recovery) => log.warn(`the dashboard's page ended (${reason}): ${recovery === 'reload' ? 'loading it again' : 'it ended again and again; its window is closed until opened again'}`),
  });
  registerBridge(new ValidatedIpc(pages, log.child('ipc')), handler, events, log.child('ipc'));
  engine.subscribe((patch) => events.send('patch', patch));
  onResume(() => engine.checkAll(), log);
  await demo.resume(settings);
  engine.start(await Promise.all(settings.get().sources.map((s) => settings.resolve(s))));
  await applyApp();
  if (!startedAtLogin() && settings.get().sources.length === 0) dashboard.show();
}

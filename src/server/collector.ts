/**
 * The collector: the engine without Electron, serving the HTTP/WS API, the webhook receiver and the
 * dashboard. `startCollector` is used by the CLI, by `npm run demo`, by tests and by benchmarks.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { Engine, type EngineOptions } from '../core/engine';
import { createCommandHandler } from '../core/commands';
import { createLogger, type Logger } from '../core/util/logger';
import { LANGUAGES, type Settings } from '../shared/settings';
import type { SourceConfig } from '../shared/sources';
import { isLoopbackHost } from '../shared/sources';
import { ConfigError, resolveSecret } from './config';
import { CollectorSettingsHost } from './settings-host';
import { createApi } from './api';
import { StreamHub } from './stream';
import { createStaticHandler, SECURITY_HEADERS } from './static';
import { createHardenedServer, handleWebhook } from './hooks';
import { authorized, originRefusal } from './auth';
import { sendJson } from './body';
import { createHeadlessNotifier, type HeadlessNotifierOptions } from '../core/notify/headless';
import { notificationActionHandler } from '../core/alerts/actions';
import type { AlertNotification, NotificationAction, Notifier } from '../core/alerts/types';
import type { HostNotification } from '../shared/bridge';
import { systemLanguage } from '../core/i18n/host';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATIC_DIR = resolve(HERE, '../../out/renderer');
const ICON = resolve(HERE, '../../resources/icon.png');

/** Whether desktop notifications can be shown (a Linux server or container has no display). */
function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Why the collector will not listen on a non-loopback address without an access token. */
export function noTokenMessage(host: string): string {
  return `refusing to listen on ${host} without an access token: set "server.accessToken" in the configuration (e.g. "env:COLLECTOR_TOKEN")`;
}

export interface CollectorOptions {
  settings: Settings;
  configPath?: string | null;
  host?: string;
  port?: number;
  /** Start the vendor simulators on loopback and add demo sources. */
  demo?: boolean;
  staticDir?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  engine?: Omit<EngineOptions, 'logger'>;
  /** Desktop notifications (node-notifier) or log lines only; default: desktop where a display exists. */
  notify?: 'desktop' | 'log';
  /** Tests inject a fake node-notifier and the platform it stands for. */
  notifierBackend?: HeadlessNotifierOptions['backend'];
  /** Where alert history is kept (JSON); none keeps it in memory. */
  alertHistoryPath?: string;
  /** Starts the demo simulators (defaults to src/simulators/demo.ts). */
  startDemo?: () => Promise<{ sources: SourceConfig[]; stop(): Promise<void> }>;
}

export interface Collector {
  url: string;
  host: string;
  port: number;
  engine: Engine;
  server: Server;
  stream: StreamHub;
  stop(): Promise<void>;
}

export async function startCollector(opts: CollectorOptions): Promise<Collector> {
  const env = opts.env ?? process.env;
  const log = opts.logger ?? createLogger({ scope: 'collector' });
  const host = opts.host ?? opts.settings.server.host ?? '127.0.0.1';
  const accessToken = resolveSecret(opts.settings.server.accessToken, env);
  if (!isLoopbackHost(host) && !accessToken) {
    throw new ConfigError(noTokenMessage(host));
  }

  const settings = opts.settings;
  let demo: { sources: SourceConfig[]; stop(): Promise<void> } | null = null;
  let selfUrl = '';
  const startDemo = opts.startDemo ?? (async () => (await import('../simulators/demo')).startDemo({ publicUrl: selfUrl }));
  const host$ = new CollectorSettingsHost(settings, opts.demo ? null : (opts.configPath ?? null), env);
  // A notification's buttons run the commands the dashboard sends; the handler exists once the engine does.
  let onAction: ((n: AlertNotification, action: NotificationAction) => void) | null = null;
  const own =
    opts.engine?.notifier ??
    createHeadlessNotifier({
      logger: log.child('notify'),
      desktop: (opts.notify ?? (hasDisplay(env) ? 'desktop' : 'log')) === 'desktop',
      iconPath: ICON,
      onAction: (n, action) => onAction?.(n, action),
      backend: opts.notifierBackend,
    });
  // Every notification also goes to the dashboards: a browser whose reader asked for them shows it too.
  let stream: StreamHub | null = null;
  const notifier: Notifier = {
    notify(n) {
      stream?.send({ type: 'notification', ...toHostNotification(n) });
      return own.notify(n);
    },
  };
  // Notifications speak the language chosen in the settings (as the dashboard does), else the system's.
  const system = systemLanguage(env);
  const engine = new Engine({
    alertHistoryPath: opts.alertHistoryPath,
    language: () => host$.get().ui.language ?? system,
    ...opts.engine,
    notifier,
    logger: log.child('engine'),
    alertSettings: settings.alerts,
  });
  const commands = createCommandHandler({
    engine,
    settings: host$,
    // Every dashboard shows a change of the settings made in another one (or by an import).
    onSettingsView: (view) => stream?.send({ type: 'settings', settings: view }),
    onTellFailed: (e) => log.warn('the dashboards could not be told of a settings change', e),
    demo: async () => {
      demo ??= await startDemo();
      return demo.sources;
    },
  });
  onAction = notificationActionHandler(commands, log.child('notify'), (id) => engine.alerts.get(id));
  stream = new StreamHub(engine, commands, log.child('stream'));
  const api = createApi(engine, commands);
  const serveStatic = createStaticHandler(opts.staticDir ?? DEFAULT_STATIC_DIR);

  const server = createHardenedServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://collector');
    } catch {
      return sendJson(res, 400, { error: 'malformed request target' });
    }
    if (url.pathname.startsWith('/api/')) {
      const refusal = originRefusal(req, accessToken);
      if (refusal) return sendJson(res, 403, { error: refusal });
      if (!authorized(req, url, accessToken)) {
        return sendJson(res, 401, { error: 'missing or wrong access token (Authorization: Bearer <token>)' }, { 'www-authenticate': 'Bearer' });
      }
      return void api(req, res, url).catch((e) => {
        log.error('API request failed', e);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
    }
    if (url.pathname.startsWith('/hooks/')) {
      return void handleWebhook(engine.webhooks, req, res, url, log.child('hooks'));
    }
    serveStatic(req, res, url.pathname);
  });
  server.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://collector');
    } catch {
      socket.destroy();
      return;
    }
    if (url.pathname !== '/api/stream') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (originRefusal(req, accessToken)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    stream.upgrade(req, socket, head, authorized(req, url, accessToken, true));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? opts.settings.server.port ?? 8787, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  selfUrl = `http://${shownHost}:${port}`;
  if (opts.demo) {
    // After listening, so that demo webhooks (Telphin) can point at this collector.
    demo = await startDemo();
    for (const src of demo.sources) if (!host$.get().sources.some((s) => s.id === src.id)) await host$.saveSource(src, undefined);
  }
  engine.start(await Promise.all(host$.get().sources.map((s) => host$.resolve(s))));

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      stream.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await engine.stop();
      await demo?.stop().catch((e) => log.warn('stopping the demo simulators failed', e));
      server.closeAllConnections();
      await closed;
    })());

  return { url: selfUrl, host, port, engine, server, stream, stop };
}

export { SECURITY_HEADERS };

/** What a dashboard needs of a notification (its buttons' actions and lifecycles stay on the host). */
function toHostNotification(n: AlertNotification): HostNotification {
  const texts = n.inLanguage ? Object.fromEntries(LANGUAGES.map((l) => [l, n.inLanguage!(l)])) : undefined;
  return { id: n.id, kind: n.kind, severity: n.severity, title: n.title, body: n.body, texts, alertIds: n.alertIds, sound: n.sound };
}

/**
 * Desktop notifications through node-notifier (notify-send, macOS Notification Center, Windows toasts):
 * the collector's notifier and the tray app's fallback. A failed attempt is retried a couple of times
 * with growing delays; a machine without a notification service (no notify-send, no daemon) gets the
 * notification as a log line instead. Never throws; never blocks the engine.
 */
import { sleep, systemClock, type Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { AlertNotification, NotificationAction, Notifier } from '../alerts/types';
import { LogNotifier } from './log-notifier';

type Callback = (err: Error | null, response?: unknown, metadata?: Record<string, unknown>) => void;

/** The part of node-notifier this uses (tests inject their own). */
export interface NodeNotifierLike {
  notify(options: Record<string, unknown>, callback: Callback): unknown;
}

export interface NodeNotifierOptions {
  logger: Logger;
  clock?: Clock;
  /** Shown as the sender where the OS supports it. */
  appName?: string;
  /** Absolute path of an icon (e.g. resources/icon.png). */
  iconPath?: string;
  /** Extra attempts after a failure (default 2), first after `retryDelayMs` (default 1 s), then doubling. */
  retries?: number;
  retryDelayMs?: number;
  /** How long to wait for node-notifier's answer before moving on (default 10 s). */
  timeoutMs?: number;
  /** Loads node-notifier (tests inject a fake); null when it cannot be loaded. */
  load?: () => Promise<NodeNotifierLike | null>;
  /** A notification button was clicked (macOS, Windows). */
  onAction?: (n: AlertNotification, action: NotificationAction) => void;
  platform?: NodeJS.Platform;
}

/** Errors that mean "no notification service here" rather than "try again". */
const UNAVAILABLE = /must be installed|not found|ENOENT|only supported|couldn'?t find|no such file|cannot find|not available|org\.freedesktop\.Notifications|DBUS_SESSION_BUS_ADDRESS|cannot autolaunch/i;

async function loadNodeNotifier(): Promise<NodeNotifierLike | null> {
  const mod = (await import('node-notifier')) as unknown as { default?: NodeNotifierLike } & NodeNotifierLike;
  return mod.default ?? mod;
}

type Attempt = { ok: true } | { ok: false; error: Error };

export class NodeNotifier implements Notifier {
  private backend: Promise<NodeNotifierLike | null> | null = null;
  private unavailable: string | null = null;
  private readonly fallback: LogNotifier;
  private readonly clock: Clock;

  constructor(private readonly opts: NodeNotifierOptions) {
    this.fallback = new LogNotifier(opts.logger);
    this.clock = opts.clock ?? systemClock;
  }

  /** Why desktop notifications are not used (null while they work or were not tried yet). */
  get unavailableReason(): string | null {
    return this.unavailable;
  }

  async notify(n: AlertNotification): Promise<void> {
    try {
      const backend = this.unavailable ? null : await this.loadBackend();
      if (!backend) return this.fallback.notify(n);
      const retries = this.opts.retries ?? 2;
      for (let attempt = 0; ; attempt++) {
        const r = await this.attempt(backend, n);
        if (r.ok) return;
        if (UNAVAILABLE.test(r.error.message)) {
          this.markUnavailable(r.error.message);
          return this.fallback.notify(n);
        }
        if (attempt >= retries) {
          this.opts.logger.warn(`could not show a desktop notification after ${attempt + 1} attempts (${r.error.message}); it is written to the log instead`);
          return this.fallback.notify(n);
        }
        await sleep(this.clock, (this.opts.retryDelayMs ?? 1000) * 2 ** attempt);
      }
    } catch (e) {
      this.opts.logger.warn('desktop notification failed', e);
      this.fallback.notify(n);
    }
  }

  private loadBackend(): Promise<NodeNotifierLike | null> {
    this.backend ??= (this.opts.load ?? loadNodeNotifier)().catch((e: unknown) => {
      this.markUnavailable(`node-notifier could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
    return this.backend.then((b) => {
      if (!b) this.markUnavailable(this.unavailable ?? 'node-notifier is not installed');
      return b;
    });
  }

  private markUnavailable(reason: string): void {
    if (this.unavailable) return;
    this.unavailable = reason;
    this.opts.logger.warn(`desktop notifications are not available on this machine (${reason}); notifications are written to the log instead`);
  }

  private attempt(backend: NodeNotifierLike, n: AlertNotification): Promise<Attempt> {
    const platform = this.opts.platform ?? process.platform;
    const buttons = platform === 'darwin' || platform === 'win32' ? (n.actions ?? []) : [];
    // Only options each backend understands: on macOS every key becomes a terminal-notifier flag.
    const options: Record<string, unknown> = { title: n.title, message: n.body, sound: n.sound };
    if (this.opts.iconPath) options.icon = this.opts.iconPath;
    if (platform !== 'darwin' && platform !== 'win32') {
      options['app-name'] = this.opts.appName ?? 'CC Tray Monitor';
      options.urgency = n.severity === 'critical' && n.kind !== 'recover' ? 'critical' : 'normal';
    }
    if (buttons.length) {
      options.actions = buttons.map((b) => b.label);
      options.wait = true;
    }
    return new Promise<Attempt>((resolve) => {
      let done = false;
      const finish = (r: Attempt) => {
        if (done) return;
        done = true;
        this.clock.clearTimeout(timer);
        resolve(r);
      };
      // No answer is not a failure worth a duplicate: with buttons the answer only comes when the user acts.
      const timer = this.clock.setTimeout(() => {
        if (!buttons.length) this.opts.logger.debug('node-notifier did not answer in time; assuming the notification was shown');
        finish({ ok: true });
      }, this.opts.timeoutMs ?? 10_000);
      try {
        backend.notify(options, (err, response, metadata) => {
          if (err) return finish({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
          finish({ ok: true });
          this.dispatchAction(n, buttons, response, metadata);
        });
      } catch (e) {
        finish({ ok: false, error: e instanceof Error ? e : new Error(String(e)) });
      }
    });
  }

  private dispatchAction(n: AlertNotification, buttons: NonNullable<AlertNotification['actions']>, response: unknown, metadata?: Record<string, unknown>): void {
    if (!buttons.length || !this.opts.onAction) return;
    const said = [response, metadata?.activationValue, metadata?.activationType, metadata?.button].filter((v): v is string => typeof v === 'string');
    const hit = buttons.find((b) => said.some((s) => s.toLowerCase() === b.label.toLowerCase()));
    if (!hit) return;
    try {
      this.opts.onAction(n, hit.action);
    } catch (e) {
      this.opts.logger.warn('notification action failed', e);
    }
  }
}

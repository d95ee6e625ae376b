/**
 * The receiving side of the bridge contract: one handler for every channel, used by the Electron IPC
 * wrapper and by the collector's WebSocket. Every payload is validated before anything runs.
 */
import { randomUUID } from 'node:crypto';
import {
  BridgeError,
  isChannel,
  parseRequest,
  type Channel,
  type Commands,
  type Req,
  type Res,
  type SettingsView,
} from '../shared/bridge';
import { AlertSettingsSchema, AppSettingsSchema, UiSettingsSchema, type Settings } from '../shared/settings';
import { insecureUrlProblem, SourceConfigSchema, toSourceView, withCollectorAddress, type SourceConfig } from '../shared/sources';
import { foreignReference, movedAddress, readSecret, secretPaths, writeSecret } from './settings/secret-fields';
import { plainSecrets } from './settings/sealing';
import type { Engine } from './engine';
import type { Alert } from '../shared/model';
import type { SettingsHost } from './settings/host';
import { exportSettings, importSettings } from './settings/transfer';
import { tokenBudget as wolkvoxTokenBudget } from './connectors/wolkvox';
import { redactText } from './util/redact';
import { localTimeZone } from '../shared/zones';
import { ruleOverridesProblem } from './alerts/rules';

export interface CommandDeps {
  engine: Engine;
  settings: SettingsHost;
  /** Starts the demo simulators and returns sources pointing at them. */
  demo?: () => Promise<SourceConfig[]>;
  /** Called after settings changed (tray app applies start-at-login, the webhook port…); awaited before the answer. */
  onSettingsChanged?: (settings: Settings) => void | Promise<void>;
  /** Notifications were paused or resumed (from a dashboard or the tray): the tray shows it at once. */
  onPauseChanged?: (paused: boolean) => void;
  /**
   * Called with the settings as dashboards see them after any command changed them, so that every
   * open dashboard (and the tray menu's window) shows the change, not only the one that made it.
   */
  onSettingsView?: (view: SettingsView) => void;
  /** `onSettingsView` failed: the dashboards read the settings again when they reconnect. */
  onTellFailed?: (error: unknown) => void;
  /** Projected Wolkvox token use per source, when the connector knows it. */
  tokenBudget?: () => SettingsView['tokenBudget'];
  /** The tray app's local webhook receiver, for the settings view. */
  webhookReceiver?: () => SettingsView['webhookReceiver'];
}


type Handlers = { [C in Channel]: (req: Req<C>) => Promise<Res<C>> | Res<C> };

export type CommandHandler = (channel: string, payload: unknown) => Promise<unknown>;

export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const { engine, settings } = deps;
  const now = () => engine.clock.now();
  // The hosts replace their settings document on every change: a new document is a new revision.
  let seen = settings.get();
  let revision = 1;
  const epoch = randomUUID();
  const currentRevision = (): number => {
    const s = settings.get();
    if (s !== seen) {
      seen = s;
      revision++;
    }
    return revision;
  };

  const view = (): SettingsView => {
    const s = settings.get();
    return {
      version: s.version,
      alerts: s.alerts,
      ui: s.ui,
      app: s.app,
      sources: s.sources.map(toSourceView),
      secretStorage: settings.secretStorage(),
      host: settings.kind,
      editable: settings.editable,
      tokenBudget: (deps.tokenBudget ?? (() => wolkvoxTokenBudget(s.sources)))(),
      ...(deps.webhookReceiver ? { webhookReceiver: deps.webhookReceiver() } : {}),
      timeZone: localTimeZone(),
      ...(settings.notes?.().length ? { configNotes: settings.notes() } : {}),
      revision: currentRevision(),
      epoch,
    };
  };

  const requireEditable = () => {
    if (!settings.editable) throw new BridgeError('not_editable', 'Settings are read-only here: edit the collector configuration file and restart it.');
  };

  /**
   * Completes a submitted config with stored secrets (the renderer never has them) and validates it.
   * A stored secret is only carried over when every address it is sent to is unchanged: otherwise a
   * page (or anyone with bridge access) could have a stored credential sent to a server of its choice.
   */
  const completeConfig = async (given: Record<string, unknown>, previousId?: string): Promise<SourceConfig> => {
    // A collector's address pasted with its token: the token is a credential, not part of the address.
    const raw = withCollectorAddress(given);
    const vendor = raw.vendor;
    const stored = settings.get().sources.find((s) => s.id === (previousId ?? raw.id));
    const reference = foreignReference(stored, raw);
    if (reference) {
      throw new BridgeError(
        'invalid_request',
        `${reference}: type the secret itself — references to environment variables or stored secrets are kept, not created, from the dashboard (use the collector's configuration file for env:NAME)`,
        { reason: 'secret_reference', field: reference },
      );
    }
    let merged: Record<string, unknown> = { ...raw };
    if (stored && stored.vendor === vendor) {
      const resolved = await settings.resolve(stored);
      const moved = movedAddress(stored, raw);
      for (const path of secretPaths(stored)) {
        if (readSecret(merged, path)) continue;
        const value = readSecret(resolved, path);
        if (value === undefined) continue;
        if (moved) {
          throw new BridgeError(
            'invalid_request',
            `${path}: the address changed (${moved}); enter the secret again — stored secrets are only sent where they were entered for`,
            { reason: 'secret_again', field: path },
          );
        }
        merged = writeSecret(merged, path, value);
      }
    }
    const parsed = SourceConfigSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'config';
      throw new BridgeError('invalid_request', `${field}: ${issue.message}`);
    }
    const insecure = insecureUrlProblem(parsed.data);
    if (insecure) throw new BridgeError('invalid_request', `${insecure.field}: ${insecure.message}`);
    return parsed.data;
  };

  const handlers: Handlers = {
    'snapshot:get': () => engine.snapshot(),
    'alerts:ack': ({ id }) => engine.alerts.ack(id, now()),
    'alerts:unack': ({ id }) => engine.alerts.unack(id, now()),
    'alerts:ack-many': ({ ids }) => {
      const at = now();
      const out: Alert[] = [];
      for (const id of new Set(ids)) {
        const a = engine.alerts.ack(id, at);
        if (a) out.push(a);
      }
      return out;
    },
    'alerts:snooze': (req) => engine.alerts.snooze(req, now()),
    'alerts:unsnooze': (req) => engine.alerts.unsnooze(req, now()),
    'alerts:history': ({ limit }) => engine.alerts.history(limit),
    'alerts:export-csv': (req) => engine.alerts.exportCsv(req?.sourceId),
    'alerts:pause-notifications': async ({ paused }) => {
      const next = { ...engine.alerts.settings(), notificationsPaused: paused };
      engine.alerts.setSettings(next);
      if (settings.editable) await settings.update({ alerts: next });
      deps.onPauseChanged?.(paused);
      return paused;
    },
    'log:get': ({ limit }) => engine.state.recentLog(limit ?? 500),
    'history:get': ({ key, metric }) => engine.history.get(key, metric),
    'settings:get': () => view(),
    'settings:update': async (req) => {
      requireEditable();
      const cur = settings.get();
      const partial: Partial<Pick<Settings, 'alerts' | 'ui' | 'app'>> = {};
      if (req.alerts) {
        partial.alerts = AlertSettingsSchema.parse({ ...cur.alerts, ...req.alerts });
        const problem = req.alerts.rules ? ruleOverridesProblem(partial.alerts.rules, cur.alerts.rules) : null;
        if (problem) throw new BridgeError('invalid_request', problem);
      }
      if (req.ui) partial.ui = UiSettingsSchema.parse({ ...cur.ui, ...req.ui });
      if (req.app) partial.app = AppSettingsSchema.parse({ ...cur.app, ...req.app });
      const next = await settings.update(partial);
      if (partial.alerts) engine.alerts.setSettings(next.alerts);
      await deps.onSettingsChanged?.(next);
      return view();
    },
    'settings:export': () => exportSettings(settings.get()) as unknown as Res<'settings:export'>,
    'settings:import': async ({ data, allowPlaintextSecrets }) => {
      requireEditable();
      let result;
      try {
        result = importSettings(settings.get(), data);
      } catch (e) {
        throw new BridgeError('invalid_request', e instanceof Error ? e.message : String(e));
      }
      const before = settings.get().sources;
      // Asked before anything changes, as for a source saved from its form.
      const withSecrets = result.settings.sources.filter((s) => !before.includes(s) && plainSecrets(s).length > 0);
      if (withSecrets.length && settings.secretStorage() === 'basic_text' && !allowPlaintextSecrets) {
        throw new BridgeError(
          'needs_confirmation',
          `No OS keyring is available, so the credentials the file holds for ${withSecrets.map((s) => `"${s.id}"`).join(', ')} would be stored encrypted with a fixed key that anyone who can read your files can undo. Import anyway?`,
        );
      }
      const next = await settings.update({ alerts: result.settings.alerts, ui: result.settings.ui, app: result.settings.app });
      for (const source of result.settings.sources) {
        if (!before.includes(source)) await settings.saveSource(source, source.id, { allowPlaintextSecrets: true });
      }
      engine.alerts.setSettings(next.alerts);
      await deps.onSettingsChanged?.(settings.get());
      await engine.setSources(await Promise.all(settings.get().sources.map((s) => settings.resolve(s))));
      return { settings: view(), skipped: result.skipped };
    },
    'sources:save': async ({ config, previousId, allowPlaintextSecrets }) => {
      requireEditable();
      const cfg = await completeConfig(config, previousId);
      if (previousId !== cfg.id && settings.get().sources.some((s) => s.id === cfg.id)) {
        throw new BridgeError('invalid_request', `id: a source named "${cfg.id}" already exists`, { reason: 'duplicate_id', field: 'id' });
      }
      await settings.saveSource(cfg, previousId, { allowPlaintextSecrets });
      if (previousId && previousId !== cfg.id) await engine.removeSource(previousId);
      await engine.setSources(await Promise.all(settings.get().sources.map((s) => settings.resolve(s))));
      return view();
    },
    'sources:remove': async ({ id }) => {
      requireEditable();
      await settings.removeSource(id);
      await engine.retireSource(id);
      return view();
    },
    'sources:test': async ({ config, previousId }) => {
      const cfg = await completeConfig(config, previousId);
      return engine.testSource(cfg);
    },
    'sources:demo': async () => {
      requireEditable();
      if (!deps.demo) throw new BridgeError('failed', 'Demo sources are not available here.', { reason: 'demo_unavailable' });
      const sources = await deps.demo();
      for (const cfg of sources) {
        if (settings.get().sources.some((s) => s.id === cfg.id)) continue;
        // Stored as a source saved from its form is: read by the schema (its fields in order, defaults in).
        await settings.saveSource(SourceConfigSchema.parse(cfg), undefined, { allowPlaintextSecrets: true });
      }
      await engine.setSources(await Promise.all(settings.get().sources.map((s) => settings.resolve(s))));
      return view();
    },
  };

  /** Tells the dashboards; a failure to tell them never turns the command's own answer into an error. */
  const tell = (listener: (view: SettingsView) => void): void => {
    try {
      listener(view());
    } catch (e) {
      deps.onTellFailed?.(e);
    }
  };

  return async (channel, payload) => {
    if (!isChannel(channel)) throw new BridgeError('unknown_channel', `unknown channel ${String(channel).slice(0, 80)}`);
    const req = parseRequest(channel, payload);
    const before = settings.get();
    try {
      return await (handlers[channel] as (r: unknown) => unknown)(req);
    } catch (e) {
      if (e instanceof BridgeError) throw e;
      throw new BridgeError('failed', redactText(e instanceof Error ? e.message : String(e)));
    } finally {
      // Also after a command that failed half-way (an import that stored some sources): what changed is told.
      if (deps.onSettingsView && settings.get() !== before) tell(deps.onSettingsView);
    }
  };
}

export type { Commands };

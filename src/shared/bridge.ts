/**
 * The bridge contract between the renderer and whatever hosts the engine (Electron main over IPC,
 * or the collector over WebSocket). One place for every channel: a channel without a request schema
 * fails to compile (`REQUEST_SCHEMAS` must cover `Commands`). Requests are validated with zod on the
 * receiving side; the renderer is untrusted.
 */
import { z } from 'zod';
import type { Alert, LogEntry, Patch, Snapshot } from './model';
import type { SourceConfigView } from './sources';
import { AlertSettingsSchema, AppSettingsSchema, UiSettingsSchema, type Language, type Settings } from './settings';
import type { Said } from './said';

/** Prefix of every IPC channel; the main-process wrapper refuses anything else. */
export const CHANNEL_PREFIX = 'cctm:';

/** Result of "Test connection". */
export interface TestResult {
  ok: boolean;
  /** Human sentence: what worked or what failed and what to do. */
  message: string;
  /** Facts gathered (agents seen, queues seen, mode…). */
  details?: Record<string, string | number | boolean | null>;
  /** A failure as a problem code (shared/problems.ts), shown in the user's language; `message` is its English detail. */
  problem?: Said;
  /** A success as an outcome code (shared/test-outcomes.ts), shown in the user's language. */
  summary?: Said;
  /** Further sentences as outcome codes (a quota that will not last the day, the webhook mode…). */
  notes?: Said[];
}

/** A point of a metric history (sparklines, trends). */
export interface HistoryPoint {
  t: number;
  v: number | null;
}

/** A settings export (no secrets); see src/core/settings/transfer.ts. */
export interface SettingsExportDoc {
  format: 'cctm-settings';
  version: number;
  sources: Record<string, unknown>[];
  alerts: Settings['alerts'];
  ui: Settings['ui'];
  app: Settings['app'];
}

/** Settings as the renderer sees them: sources without secrets. */
export type SettingsView = Omit<Settings, 'sources' | 'server'> & {
  sources: SourceConfigView[];
  /** Secret storage state (tray app): e.g. "os" or "basic_text" (Linux without a keyring). */
  secretStorage: 'os' | 'basic_text' | 'file' | 'env';
  /** Where the settings are read from: "tray" (electron-store) or "collector" (config file). */
  host: 'tray' | 'collector';
  /** Whether sources/settings can be edited from this face. */
  editable: boolean;
  /** Projected daily token use per Wolkvox source (uses/day) and its quota, when known. */
  tokenBudget?: Record<string, { projectedPerDay: number; quotaPerDay: number | null }>;
  /** The tray app's local webhook receiver (`app.webhookPort`), as it last started. */
  webhookReceiver?: WebhookReceiverState;
  /** The host's time zone (IANA name): quiet hours are read in it, wherever the dashboard is. */
  timeZone?: string;
  /** The collector's configuration file: fields it holds that are not settings (kept, ignored), in English. */
  configNotes?: string[];
  /**
   * Counts the changes to the settings since the host started: of two views of the same `epoch`, the
   * one with the higher revision is the newer (answers and `settings` events may cross on their way).
   */
  revision?: number;
  /** The host process that numbered `revision` (a restarted host counts from 1 again). */
  epoch?: string;
};

/** The tray app's local webhook receiver: its port (0: off), whether it listens, and why not (`EADDRINUSE`, `EACCES`, …). */
export interface WebhookReceiverState {
  port: number;
  listening: boolean;
  error: string | null;
}

/** A source config sent for saving: secret fields may be omitted to keep the stored value. */
export const SourceSaveSchema = z.object({
  config: z.record(z.string(), z.unknown()),
  /** When editing, the id the source had before (renaming is allowed). */
  previousId: z.string().optional(),
  /** Confirms storing secrets without OS encryption (Linux `basic_text`). */
  allowPlaintextSecrets: z.boolean().optional(),
});

/** Strict: a misspelled `alertId` must not widen a snooze of one alert to every alert. */
export const SnoozeSchema = z
  .object({
    /** Minutes to snooze; null means "until recovered". */
    minutes: z.number().int().min(1).max(7 * 24 * 60).nullable(),
    ruleId: z.string().min(1).max(200).optional(),
    subjectKey: z.string().min(1).max(300).optional(),
    alertId: z.string().min(1).max(200).optional(),
  })
  .strict();

const Empty = z.undefined().or(z.null()).or(z.object({}).strict()).transform(() => undefined);

/** Commands: renderer → host, request/response. */
export interface Commands {
  'snapshot:get': { req: void; res: Snapshot };
  'alerts:ack': { req: { id: string }; res: Alert | null };
  'alerts:unack': { req: { id: string }; res: Alert | null };
  /** Several at once (the Alerts view's "Acknowledge all"): the alerts as they are now, those no longer known left out. */
  'alerts:ack-many': { req: { ids: string[] }; res: Alert[] };
  'alerts:snooze': { req: z.infer<typeof SnoozeSchema>; res: Alert[] };
  'alerts:unsnooze': { req: { ruleId?: string; subjectKey?: string; alertId?: string }; res: Alert[] };
  'alerts:history': { req: { limit?: number }; res: Alert[] };
  /** `sourceId`: that source's alerts only. */
  'alerts:export-csv': { req: { sourceId?: string } | void; res: string };
  'alerts:pause-notifications': { req: { paused: boolean }; res: boolean };
  'log:get': { req: { limit?: number }; res: LogEntry[] };
  'history:get': { req: { key: string; metric: string }; res: HistoryPoint[] };
  'settings:get': { req: void; res: SettingsView };
  'settings:update': {
    req: {
      alerts?: z.input<typeof AlertSettingsSchema>;
      ui?: z.input<typeof UiSettingsSchema>;
      app?: z.input<typeof AppSettingsSchema>;
    };
    res: SettingsView;
  };
  /** Settings without any secret, to move to another machine. */
  'settings:export': { req: void; res: SettingsExportDoc };
  /** Merges an export: sources by id (stored secrets kept where every address is unchanged), alerts/ui/app field by field. */
  'settings:import': { req: { data: unknown; allowPlaintextSecrets?: boolean }; res: { settings: SettingsView; skipped: { id: string; reason: string }[] } };
  'sources:save': { req: z.infer<typeof SourceSaveSchema>; res: SettingsView };
  'sources:remove': { req: { id: string }; res: SettingsView };
  'sources:test': { req: { config: Record<string, unknown>; previousId?: string }; res: TestResult };
  'sources:demo': { req: void; res: SettingsView };
}
export type Channel = keyof Commands;
export type Req<C extends Channel> = Commands[C]['req'];
export type Res<C extends Channel> = Commands[C]['res'];

const Id = z.object({ id: z.string().min(1).max(200) }).strict();
/**
 * The most alerts one `alerts:ack-many` may name: 1,000 ids of the longest kind stay under the
 * collector's 256 KB stream message; the dashboard sends longer lists in several.
 */
export const MAX_ACK_MANY = 1000;
/**
 * A settings section as a patch: the fields given, each checked, and nothing else. (`.partial()` would
 * fill every field left out with its default, so saving one part of a section reset the others.)
 */
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const fields = Object.entries(schema.shape).map(([key, field]) => [key, ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional()] as const);
  return z.object(Object.fromEntries(fields) as Record<string, z.ZodOptional<z.ZodType>>);
}

const Limit = z.object({ limit: z.number().int().min(1).max(100_000).optional() }).strict();

/** Request schemas: the compiler insists on one per channel. */
export const REQUEST_SCHEMAS: { [C in Channel]: z.ZodType<Req<C>, unknown> } = {
  'snapshot:get': Empty,
  'alerts:ack': Id,
  'alerts:unack': Id,
  'alerts:ack-many': z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(MAX_ACK_MANY) }).strict(),
  'alerts:snooze': SnoozeSchema,
  'alerts:unsnooze': z
    .object({ ruleId: z.string().optional(), subjectKey: z.string().optional(), alertId: z.string().optional() })
    .strict(),
  'alerts:history': Limit,
  'alerts:export-csv': z.union([Empty, z.object({ sourceId: z.string().min(1).max(200).optional() }).strict()]),
  'alerts:pause-notifications': z.object({ paused: z.boolean() }).strict(),
  'log:get': Limit,
  'history:get': z.object({ key: z.string().min(1).max(300), metric: z.string().min(1).max(60) }).strict(),
  'settings:get': Empty,
  'settings:update': z
    .object({
      alerts: patchOf(AlertSettingsSchema).optional(),
      ui: patchOf(UiSettingsSchema).optional(),
      app: patchOf(AppSettingsSchema).optional(),
    })
    .strict() as unknown as z.ZodType<Req<'settings:update'>, unknown>,
  'settings:export': Empty,
  'settings:import': z.object({ data: z.unknown(), allowPlaintextSecrets: z.boolean().optional() }).strict() as unknown as z.ZodType<Req<'settings:import'>, unknown>,
  'sources:save': SourceSaveSchema,
  'sources:remove': Id,
  'sources:test': z.object({ config: z.record(z.string(), z.unknown()), previousId: z.string().optional() }),
  'sources:demo': Empty,
};

export const CHANNELS = Object.keys(REQUEST_SCHEMAS) as Channel[];

/** Events: host → renderer. */
/**
 * A notification the collector's alert engine sent (quiet hours, pauses, snoozes, cooldown and
 * grouping applied), for the browsers that show them too. `title` and `body` are in the collector's
 * language; `texts` has them in each language, so that a browser shows them in its reader's.
 */
export interface HostNotification {
  id: string;
  kind: 'raise' | 'recover' | 'group' | 'escalate' | 'renotify';
  severity: 'warning' | 'critical';
  title: string;
  body: string;
  texts?: Partial<Record<Language, { title: string; body: string }>>;
  alertIds: string[];
  sound: boolean;
}

export interface HostEvents {
  snapshot: Snapshot;
  patch: Patch;
  /** Ask the dashboard to show something (notification click → alert). */
  navigate: { view: string; alertId?: string };
  /** The collector notified (browser mode only: the tray app shows notifications itself). */
  notification: HostNotification;
  /** The settings changed (from any dashboard, the tray menu or an import): what they are now. */
  settings: SettingsView;
}
export type HostEventName = keyof HostEvents;

/** Validates a command request; throws a readable error. */
export function parseRequest<C extends Channel>(channel: C, payload: unknown): Req<C> {
  const schema = REQUEST_SCHEMAS[channel];
  if (!schema) throw new BridgeError('unknown_channel', `unknown channel ${String(channel)}`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'request';
    throw new BridgeError('invalid_request', `${channel}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_SCHEMAS, value);
}

/**
 * Refusals a dashboard words itself, in its reader's language (the message stays the host's own
 * English, for the API and older dashboards): a source id already taken, a stored secret that must be
 * typed again because an address changed, demo sources a host does not offer.
 */
export const BRIDGE_REASONS = ['duplicate_id', 'secret_again', 'secret_reference', 'demo_unavailable'] as const;
export type BridgeReason = (typeof BRIDGE_REASONS)[number];

/** What a failed command answers: `{code, message}`, and `reason` (with `field`) where a dashboard words it itself. */
export interface BridgeErrorBody {
  code: string;
  message: string;
  reason?: BridgeReason;
  /** The form field the refusal is about (`id`, `token`, `auth.clientSecret`, …). */
  field?: string;
}

/** An error with a stable code that crosses the bridge as a BridgeErrorBody (its own fields have the body's names). */
export class BridgeError extends Error {
  readonly reason?: BridgeReason;
  readonly field?: string;

  constructor(
    /** `needs_confirmation`: repeat the request with the confirmation flag (e.g. allowPlaintextSecrets). */
    readonly code: 'unknown_channel' | 'invalid_request' | 'forbidden' | 'failed' | 'not_editable' | 'needs_confirmation',
    message: string,
    about?: { reason: BridgeReason; field?: string },
  ) {
    super(message);
    this.name = 'BridgeError';
    if (about) {
      this.reason = about.reason;
      if (about.field !== undefined) this.field = about.field;
    }
  }

  /** What crosses the bridge; `message` as given (the caller redacts where it must). */
  body(message = this.message): BridgeErrorBody {
    const out: BridgeErrorBody = { code: this.code, message };
    if (this.reason) out.reason = this.reason;
    if (this.field !== undefined) out.field = this.field;
    return out;
  }
}

/** The API any host exposes to the renderer (preload in Electron, WebSocket client in browsers). */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}

/** Messages of the collector's WebSocket bridge (`/api/stream`). */
export type WsClientMessage = { type: 'invoke'; id: number; channel: string; payload: unknown };
export type WsServerMessage =
  | (Snapshot & { type: 'snapshot' })
  | Patch
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: BridgeErrorBody }
  | { type: 'navigate'; view: string; alertId?: string };

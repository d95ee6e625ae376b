/**
 * Normalized events: what every connector's pure `normalize` produces and the live state applies.
 * Ids are the vendor's ids as strings; the engine adds the source id. Everything after normalize
 * sees only these and the model.
 */
import type { Agent, Line, Queue, Site } from '../../shared/model';
import type { Said } from '../../shared/said';

type Fields<T, K extends keyof T> = Partial<Omit<T, K>>;
export type AgentFields = Fields<Agent, 'key' | 'sourceId' | 'vendorId'>;
/** `waiting: null` means "the vendor value was unusable": the last good value is kept. */
export type QueueFields = Omit<Fields<Queue, 'key' | 'sourceId' | 'vendorId'>, 'waiting'> & { waiting?: number | null };
export type SiteFields = Fields<Site, 'key' | 'sourceId' | 'ip'>;
export type LineFields = Fields<Line, 'key' | 'sourceId' | 'user'>;

/**
 * `scope` tags an entity as reported by one feed of the source (a Wolkvox report, an Avaya producer).
 * A later `sync` for that scope removes the entities the feed no longer reports.
 *
 * Events hand their objects over: the live state may keep an event's `network`, `call`, `queues` and
 * `extra` objects as they are in its entities, so a connector builds them for each event and never
 * changes them once emitted.
 */
export type NormalizedEvent =
  /**
   * `whole`: `set` is the entire entity (a mirror of another collector's, sent whole): its `extra`
   * replaces the one held rather than adding to it, and an `extra` or `queues` it leaves out is gone.
   */
  | { type: 'agent'; id: string; set: AgentFields; scope?: string; at?: number; whole?: boolean }
  /** With `scope`: that feed no longer reports it; the entity goes once no feed does. */
  | { type: 'agent.remove'; id: string; scope?: string }
  | { type: 'queue'; id: string; set: QueueFields; scope?: string; at?: number; whole?: boolean }
  | { type: 'queue.remove'; id: string; scope?: string }
  | { type: 'call.enter'; queueId: string; callId: string; enteredAt: number; kind?: Queue['kind']; name?: string }
  | { type: 'call.leave'; queueId: string; callId: string }
  /** Replaces a queue's waiting calls (after a re-sync); calls already known keep their entry time. */
  | { type: 'calls.replace'; queueId: string; calls: { callId: string; enteredAt: number }[] }
  /**
   * `id` keys the site under its source when its IP alone would not (a mirrored site: the remote key
   * `wv:203.0.113.5`, so that two remote sources' sites behind one IP stay apart); by default the IP.
   */
  | { type: 'site'; ip: string; id?: string; set: SiteFields; scope?: string }
  /** `ip`: the site's IP, or the `id` it was reported with. */
  | { type: 'site.remove'; ip: string }
  | { type: 'line'; user: string; set: LineFields; scope?: string }
  | { type: 'line.remove'; user: string }
  | { type: 'sync'; collection: 'agents' | 'queues' | 'sites' | 'lines'; scope: string; ids: string[] }
  /**
   * A vendor-raised queue alert (Axialys `alert_op` / `alert_file`), valid for `validitySec` (null: the
   * default validity; `Infinity`: until an event ends it, as a mirrored alert while its link is up).
   */
  | {
      type: 'vendor.alert';
      queueId: string;
      metric: 'vendor.alert_op' | 'vendor.alert_file';
      validitySec: number | null;
      value?: number | null;
      message?: string;
      at?: number;
    }
  /**
   * The health of a source upstream of this one (a remote collector's own source, `id` its id there):
   * the alert engine raises its outage as it does a source's, and holds back the alerts of the entities
   * it reported (keys `{this source}:{id}:…`). `status` null: it is gone. `problem` is as the collector
   * upstream sent it: a code this version does not know is shown as `lastError`.
   */
  | { type: 'upstream'; id: string; vendor: string; name: string; status: string | null; lastError: string | null; problem?: Said | null; since?: number | null }
  | { type: 'log'; kind: string; text: string; said?: Said[]; level?: 'info' | 'warning' | 'error'; subjectId?: string; at?: number };

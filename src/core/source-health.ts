/**
 * A source's health as its connector reports it, kept as the Source entity of the live state: status
 * with the time it changed, last error (redacted), mode, facts, and counters of what was received,
 * rejected and not understood.
 */
import type { LogEntry, Source, SourceStatus } from '../shared/model';
import type { Problem } from '../shared/problems';
import { logLine, w } from '../shared/log-words';
import type { Said } from '../shared/said';
import type { SourceConfig } from '../shared/sources';
import type { SourceHealth } from './connectors/types';
import type { LiveState } from './state/store';
import type { Clock } from './util/clock';
import type { Logger } from './util/logger';
import { redactSaid, redactText } from './util/redact';

/** Health plus what the engine itself records (events received). */
export interface TrackedHealth extends SourceHealth {
  touch(now: number, n: number): void;
  /** The source's name changed (nothing else): shown at once, the connector left running. */
  rename(name: string): void;
}

export interface SourceHealthDeps {
  state: LiveState;
  clock: Clock;
  log: Logger;
  /** False once the source was replaced or removed: a stopping connector changes nothing then. */
  current: () => boolean;
  /**
   * The status of the source this one replaces (its config changed, or it was switched off or on):
   * the process log says what it changed from, not from the fresh record's "connecting".
   */
  was?: SourceStatus;
}

/** Rejected inputs written to the process log per source and minute; the rest are counted only. */
const REJECTIONS_SAID = 20;
const REJECTIONS_WINDOW_MS = 60_000;

export function createSourceHealth(config: SourceConfig, deps: SourceHealthDeps): TrackedHealth {
  const log = deps.log;
  const id = config.id;
  const now = deps.clock.now();
  let source: Source = {
    id,
    vendor: config.vendor,
    name: config.name || id,
    status: 'connecting',
    lastEventAt: null,
    lastError: null,
    problem: null,
    statusSince: now,
    mode: null,
    counters: { events: 0, rejected: 0, unknown: 0 },
    info: {},
  };
  const unknownSeen = new Set<string>();
  /** The log's budget for rejected inputs: a feed sending nothing but garbage does not fill it. */
  const rejectionLog = { windowStart: -Infinity, lines: 0, unsaid: 0 };
  /**
   * The last status written to the Events log, and why: a source retrying (down → connecting → down)
   * writes it again only when the reason changed.
   */
  let logged: { status: SourceStatus; why: string | null } = { status: 'connecting', why: null };
  /**
   * The last status other than connecting, and since when: a retry of a source down (down →
   * connecting → down) continues its outage, whose length "in this state for" shows, instead of
   * starting a new one. A live source that reconnects starts again: that was an interruption.
   */
  let episode: { status: SourceStatus; since: number } = { status: 'connecting', since: now };
  /** The status the process log last said (a replaced source's, until this one's first change). */
  let said: SourceStatus = deps.was ?? 'connecting';
  const update = (patch: Partial<Source>) => {
    if (!deps.current()) return;
    source = { ...source, ...patch };
    deps.state.upsertSource(source);
  };
  deps.state.upsertSource(source);
  const health: TrackedHealth = {
    get status() {
      return source.status;
    },
    setStatus: (status: SourceStatus, error?: string | null, problem?: Problem | null) => {
      const lastError = error === undefined ? source.lastError : error === null ? null : redactText(error);
      // The problem goes with its error: a new error without one clears the last.
      const next: Source['problem'] = error === undefined ? (source.problem ?? null) : error === null || !problem ? null : redactSaid(problem);
      if (status === source.status && lastError === source.lastError && sameProblem(next, source.problem ?? null)) return;
      // The error once, when it is new: a source retrying for hours does not repeat it at every step.
      const why = !lastError ? '' : lastError === source.lastError ? ' (same error)' : `: ${lastError}`;
      // A replaced source's connector, still stopping, says nothing: its successor speaks for the source.
      const current = deps.current();
      if (current) {
        if (status !== source.status && status !== said) log.info(`status ${said} → ${status}${why}`);
        said = status;
      }
      const reason = next?.code ?? lastError;
      if (status !== 'connecting' && (status !== logged.status || reason !== logged.why) && current) {
        logged = { status, why: reason };
        deps.state.appendLog(statusEntry(id, status, lastError, next, deps.clock.now()));
      }
      let since = source.statusSince ?? deps.clock.now();
      if (status !== source.status) {
        const retried = source.status === 'connecting' && status === episode.status && status !== 'live';
        since = retried ? episode.since : deps.clock.now();
        if (status !== 'connecting') episode = { status, since };
      }
      update({ status, lastError, problem: next, statusSince: since });
    },
    setMode: (mode) => {
      if (mode !== source.mode) update({ mode });
    },
    setInfo: (key, value) => {
      if (source.info?.[key] !== value) update({ info: { ...source.info, [key]: value } });
    },
    rejected: (reason, sample, count = 1) => {
      const at = deps.clock.now();
      if (at - rejectionLog.windowStart >= REJECTIONS_WINDOW_MS) {
        if (rejectionLog.unsaid > 0) log.warn(`${rejectionLog.unsaid.toLocaleString('en-US')} more rejected inputs in the last minute were counted, not written out`);
        rejectionLog.windowStart = at;
        rejectionLog.lines = 0;
        rejectionLog.unsaid = 0;
      }
      if (rejectionLog.lines < REJECTIONS_SAID) {
        rejectionLog.lines++;
        const more = rejectionLog.lines === REJECTIONS_SAID ? ' (further rejected inputs this minute are counted, not written out)' : '';
        log.warn(`rejected input: ${reason}${more}`, sample === undefined ? undefined : { sample: truncate(sample) });
      } else {
        rejectionLog.unsaid += count;
      }
      update({ counters: { ...source.counters!, rejected: source.counters!.rejected + count } });
    },
    unknown: (what) => {
      if (!unknownSeen.has(what) && unknownSeen.size < 200) {
        unknownSeen.add(what);
        log.info(`unknown event type ${what} (counted, ignored)`);
      }
      update({ counters: { ...source.counters!, unknown: source.counters!.unknown + 1 } });
    },
    rename: (name) => {
      if (name !== source.name) update({ name });
    },
    touch: (at, n) => {
      // lastEventAt at 1 s granularity: a busy feed does not rewrite its source entity per event.
      if (source.lastEventAt === null || at - source.lastEventAt >= 1000) {
        update({ lastEventAt: at, counters: { ...source.counters!, events: source.counters!.events + n } });
      } else {
        source.counters!.events += n;
      }
    },
  };
  return health;
}

const STATUS_LEVEL: Record<Exclude<SourceStatus, 'connecting'>, LogEntry['level']> = {
  live: 'info',
  degraded: 'warning',
  down: 'error',
  auth_failed: 'error',
  stopped: 'info',
};

/**
 * A change of status as an Events entry: "Down: <why>" — the English text with the connector's own
 * (redacted) words, `said` with the problem's code for the other languages.
 */
function statusEntry(sourceId: string, status: Exclude<SourceStatus, 'connecting'>, error: string | null, problem: Source['problem'], at: number): Omit<LogEntry, 'id'> {
  const head = w(`source_${status}`);
  const why = status !== 'live' && status !== 'stopped' && error;
  const said: Said[] = why ? [head, w('because'), problem ? { code: `problem.${problem.code}`, params: problem.params } : w('error_text', { text: error })] : [head];
  // The English text says the connector's words, which carry more detail than the problem's.
  const text = logLine(why ? [head, w('because'), w('error_text', { text: error })] : [head]);
  return { at, sourceId, kind: 'source.status', level: STATUS_LEVEL[status], text, subjectKey: null, said };
}

function truncate(sample: unknown): unknown {
  if (typeof sample === 'string') return sample.length > 300 ? `${sample.slice(0, 300)}…` : sample;
  try {
    const s = JSON.stringify(sample);
    return s && s.length > 300 ? `${s.slice(0, 300)}…` : sample;
  } catch {
    return '[unserializable]';
  }
}

/** The same problem: same code, same parameters (a repeated error with the same words changes nothing). */
function sameProblem(a: Source['problem'], b: Source['problem']): boolean {
  if (a === b) return true;
  if (!a || !b || a.code !== b.code) return false;
  const ka = Object.keys(a.params);
  return ka.length === Object.keys(b.params).length && ka.every((k) => a.params[k] === b.params[k]);
}

/**
 * What survives reconnects: the names directory, the memory normalize reads, and the `cpt` event
 * counter. Turns raw `update` payloads into normalized events for the live state, counting what it
 * cannot use, and reports counter jumps (missed events) to the session.
 */
import type { AxialysSourceConfig } from '../../../shared/sources';
import type { ConnectorContext } from '../types';
import type { NormalizedEvent } from '../../state/events';
import type { TimerHandle } from '../../util/clock';
import { directoryEvents, emptyDirectory, type Directory } from './directory';
import { AxialysMemory } from './memory';
import { normalizeContext, normalizeUpdate, type NormalizeContext } from './normalize';
import { readUpdate } from './wire';
import type { Problem } from '../../../shared/problems';
import { logEntry, w } from '../../../shared/log-words';

export interface Gap {
  from: number;
  to: number;
  missed: number;
}

/**
 * After the stream's continuity broke (a reconnection whose first event does not follow the last one
 * seen, or missed events), a waiting call must be reported again (or connected, or deleted) within
 * this time or it is dropped: Axialys sends no snapshot, so a call that ended unseen would otherwise
 * stay listed with an ever-growing wait. Tests shorten it with `factories.axialysUnconfirmedCallMs`.
 */
export const UNCONFIRMED_CALL_MS = 120_000;

export class Feed {
  dir: Directory = emptyDirectory();
  readonly memory = new AxialysMemory();
  lastCpt: number | null = null;
  /** Events known to be missed since the source started. */
  missed = 0;
  /** While now < gapUntil the source stays degraded with `gapMessage`. */
  gapUntil = 0;
  gapMessage: string | null = null;
  /** `gapMessage` as a problem every language can render. */
  gapProblem: Problem | null = null;

  /** Waiting calls not heard of since continuity broke; null when nothing is in doubt. */
  private unconfirmed: Set<string> | null = null;
  /** Set on a reconnection: the next event's counter tells whether anything was missed meanwhile. */
  private awaitingContinuity = false;
  private hasConnected = false;
  private expiry: TimerHandle | null = null;
  private readonly unconfirmedMs: number;
  private readonly nctx: NormalizeContext;

  constructor(private readonly ctx: ConnectorContext<AxialysSourceConfig>) {
    const injected = ctx.factories?.axialysUnconfirmedCallMs;
    this.unconfirmedMs = typeof injected === 'number' ? injected : UNCONFIRMED_CALL_MS;
    this.nctx = normalizeContext(ctx.sourceId, this.dir, this.memory);
  }

  /** The notification socket opened. After the first time, what happened meanwhile is in doubt. */
  connected(): void {
    if (this.hasConnected) {
      this.awaitingContinuity = true;
      this.doubt();
    }
    this.hasConnected = true;
  }

  /** Stops the expiry timer (connector stopped). */
  dispose(): void {
    this.ctx.clock.clearTimeout(this.expiry);
    this.expiry = null;
  }

  /** Adopts a fresh names directory and names the entities it lists. */
  applyDirectory(dir: Directory): void {
    this.dir = dir;
    const events = directoryEvents(dir, this.ctx.sourceId);
    this.memory.apply(events);
    this.ctx.emit(events);
    const { health } = this.ctx;
    health.setInfo('operators', dir.ops.size);
    health.setInfo('queues', dir.groupes.size);
    health.setInfo('trunks', dir.trunks.size);
    health.setInfo('pauses', dir.pauses.size);
  }

  /** Handles one `update` payload; returns the counter jump it revealed, if any. */
  handle(raw: unknown): Gap | null {
    const { health } = this.ctx;
    const frame = readUpdate(raw);
    if (typeof frame === 'string') {
      health.rejected(`Axialys ${frame}`, raw);
      return null;
    }
    let gap: Gap | null = null;
    const cpt = frame.cpt;
    if (typeof cpt === 'number' && Number.isInteger(cpt)) {
      const last = this.lastCpt;
      // A lower counter means the server restarted its count: not a gap.
      if (last !== null && cpt > last + 1) gap = { from: last, to: cpt, missed: cpt - last - 1 };
      if (this.awaitingContinuity) {
        this.awaitingContinuity = false;
        // The stream picked up exactly where it left off: nothing was missed, nothing is in doubt.
        if (last !== null && cpt === last + 1) this.confirmAll();
      }
      this.lastCpt = cpt;
    }
    if (gap) this.doubt();
    const now = this.ctx.clock.now();
    // One context per feed, brought up to date for each frame (normalize keeps no reference to it).
    const nctx = this.nctx;
    nctx.now = now;
    nctx.dir = this.dir;
    const result = normalizeUpdate(frame, nctx);
    if (!Array.isArray(result)) {
      if (result.kind === 'unknown') health.unknown(`Axialys ${result.what}`);
      else health.rejected(`Axialys ${result.reason}`, raw);
    } else if (result.length) {
      if (this.unconfirmed) for (const ev of result) if (ev.type === 'call.enter' || ev.type === 'call.leave') this.unconfirmed.delete(ev.callId);
      this.memory.apply(result);
      this.ctx.emit(result, now);
    }
    if (gap) this.missed += gap.missed;
    return gap;
  }

  /** Every call now waiting must be heard of again within `unconfirmedMs`. */
  private doubt(): void {
    const calls = this.memory.waitingCalls();
    if (!calls.length) return;
    this.unconfirmed ??= new Set();
    for (const c of calls) this.unconfirmed.add(c);
    this.ctx.clock.clearTimeout(this.expiry);
    this.expiry = this.ctx.clock.setTimeout(() => this.expire(), this.unconfirmedMs);
  }

  private confirmAll(): void {
    this.unconfirmed = null;
    this.ctx.clock.clearTimeout(this.expiry);
    this.expiry = null;
  }

  /** Drops the calls still unconfirmed, and says so in the event log. */
  private expire(): void {
    this.expiry = null;
    const doubtful = this.unconfirmed;
    this.unconfirmed = null;
    if (!doubtful) return;
    const events: NormalizedEvent[] = [];
    for (const callId of doubtful) for (const queueId of this.memory.queuesOfCall(callId)) events.push({ type: 'call.leave', queueId, callId });
    if (!events.length) return;
    const entry = logEntry([w('resync', { count: doubtful.size, seconds: Math.round(this.unconfirmedMs / 1000) })]);
    events.push({ type: 'log', kind: 'resync', level: 'warning', ...entry });
    this.ctx.log.info(entry.text);
    this.memory.apply(events);
    this.ctx.emit(events);
  }
}

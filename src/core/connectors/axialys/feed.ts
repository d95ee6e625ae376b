/**
 * What survives reconnects: the names directory, the memory normalize reads, and the `cpt` event
 * counter. Turns raw `update` payloads into normalized events for the live state, counting what it
 * cannot use, and reports counter jumps (missed events) to the session.
 */
import type { AxialysSourceConfig } from '../../../shared/sources';
import type { ConnectorContext } from '../types';
import { directoryEvents, emptyDirectory, type Directory } from './directory';
import { AxialysMemory } from './memory';
import { normalizeUpdate } from './normalize';
import { parseUpdate } from './wire';

export interface Gap {
  from: number;
  to: number;
  missed: number;
}

export class Feed {
  dir: Directory = emptyDirectory();
  readonly memory = new AxialysMemory();
  lastCpt: number | null = null;
  /** Events known to be missed since the source started. */
  missed = 0;
  /** While now < gapUntil the source stays degraded with `gapMessage`. */
  gapUntil = 0;
  gapMessage: string | null = null;

  constructor(private readonly ctx: ConnectorContext<AxialysSourceConfig>) {}

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
    const parsed = parseUpdate(raw);
    if (!parsed.ok) {
      health.rejected(`Axialys ${parsed.reason}`, raw);
      return null;
    }
    const { frame } = parsed;
    let gap: Gap | null = null;
    const cpt = frame.cpt;
    if (typeof cpt === 'number' && Number.isInteger(cpt)) {
      const last = this.lastCpt;
      // A lower counter means the server restarted its count: not a gap.
      if (last !== null && cpt > last + 1) gap = { from: last, to: cpt, missed: cpt - last - 1 };
      this.lastCpt = cpt;
    }
    const result = normalizeUpdate(frame, { sourceId: this.ctx.sourceId, now: this.ctx.clock.now(), dir: this.dir, memory: this.memory });
    if (result.kind === 'unknown') health.unknown(`Axialys ${result.what}`);
    else if (result.kind === 'rejected') health.rejected(`Axialys ${result.reason}`, raw);
    else if (result.events.length) {
      this.memory.apply(result.events);
      this.ctx.emit(result.events);
    }
    if (gap) this.missed += gap.missed;
    return gap;
  }
}

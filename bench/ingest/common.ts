/**
 * What every vendor's ingest case provides: recorded frames (strings), the JSON texts parsed bare as
 * the baseline, and one pass that feeds every frame through the vendor's own receive path into a real
 * Engine (state, alert rules, history, change batches).
 */
import { Engine, type EngineOptions } from '../../src/core/engine';
import type { ConnectorRegistry } from '../../src/core/connectors/types';
import { createLogger } from '../../src/core/util/logger';
import type { SourceConfig } from '../../src/shared/sources';

export interface IngestCase {
  vendor: string;
  /** Frames (or requests) one pass delivers. */
  frames: number;
  /** Events one pass delivers: one per frame, or per agent/skill record for Wolkvox reports. */
  events: number;
  /** The same frames as JSON texts, for the bare `JSON.parse` baseline. */
  json: string[];
  /**
   * Form-encoded request bodies (Telphin): a second baseline, the transport's own parse of the same
   * requests (`URLSearchParams` of the decoded body). Reported beside the headline, not instead of it.
   */
  form?: Buffer[];
  /** What the frames are, for the report. */
  describe: string;
  pass(): Promise<void>;
  /** After the runs: null when the pipeline did its work, else what went wrong. */
  check(): string | null;
  stop(): Promise<void>;
}

/**
 * With `BENCH_FLUSH_CALLS=n` the batch is flushed every n calls instead: a run whose speed is not the
 * machine's (under an instruction counter, about fifty times slower) then does the same work as a
 * native one (see `stages.ts --instructions`).
 */
const FLUSH_CALLS = Number(process.env.BENCH_FLUSH_CALLS) || 0;

/** Flushes the engine's change batch every 50 ms of run time, as its own timer would. */
export class Batcher {
  private last = performance.now();
  private n = 0;
  /** `every`: calls between looks at the time (frames are cheap; report bodies are not). */
  constructor(
    private readonly engine: Engine,
    private readonly every = 64,
  ) {}
  maybe(): void {
    if (FLUSH_CALLS) {
      if (++this.n % FLUSH_CALLS === 0) this.engine.flush();
      return;
    }
    if (++this.n % this.every !== 0) return;
    const now = performance.now();
    if (now - this.last < 50) return;
    this.last = now;
    this.engine.flush();
  }
}

/**
 * An engine as the collector runs it: error-level logging, one change listener (the collector's
 * stream hub), built-in alert rules and history.
 */
export function engineFor(registry: ConnectorRegistry, opts: Omit<EngineOptions, 'registry' | 'logger'> = {}): { engine: Engine; patches: () => number } {
  const engine = new Engine({ ...opts, registry, logger: createLogger({ level: 'error' }) });
  let patches = 0;
  engine.subscribe(() => patches++);
  return { engine, patches: () => patches };
}

/** Null when the source took every frame, else a description of what it rejected. */
export function sourceProblems(engine: Engine, sourceId: string): string | null {
  const s = engine.state.sources.get(sourceId);
  if (!s) return `source ${sourceId} is gone`;
  const c = s.counters;
  if (!c) return null;
  if (c.rejected || c.unknown) return `source ${sourceId} rejected ${c.rejected} and did not know ${c.unknown} frames`;
  if (!c.events) return `source ${sourceId} delivered no events`;
  return null;
}

export type { SourceConfig };

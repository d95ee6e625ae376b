/**
 * The fuzz rig: a real Engine (live state, alert engine, history, health counters, redacting logger)
 * on a fake clock, hosting one real connector created by the vendor's own factory. The rig counts what
 * the connector emits and, for every frame, reads the source's health counters before and after to
 * classify the frame: accepted (events emitted or a 2xx answer), rejected, unknown, refused (a vendor
 * refusal the connector turns into a status), silent (nothing at all: a defect) or crash (an exception
 * escaped: a defect). A frame that was not accepted must not change any entity.
 */
import { Engine } from '../../../src/core/engine';
import { createLogger } from '../../../src/core/util/logger';
import type { Connector, ConnectorContext, ConnectorFactory, FetchLike, SocketFactories } from '../../../src/core/connectors/types';
import type { NormalizedEvent } from '../../../src/core/state/events';
import type { Source } from '../../../src/shared/model';
import type { SourceConfig } from '../../../src/shared/sources';
import { FakeClock } from '../../../test/fakes/clock';
import { checkState, prototypeViolation, type StateFigures } from './invariants';
import { mulberry32 } from './prng';

export type Hint = 'accepted' | 'refused' | undefined;
export const OUTCOMES = ['accepted', 'rejected', 'unknown', 'refused', 'silent', 'crash'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface RigOptions {
  config: SourceConfig;
  factory: ConnectorFactory;
  /** Start the connector's own lifecycle (Avaya, Telphin), or only build it and drive its frame path. */
  start: boolean;
  fetch?: FetchLike;
  factories?: SocketFactories;
  seed: number;
}

const ENTITY = new Set(['agents', 'queues', 'sites', 'lines']);
const MAX_REPORTED = 25;
/**
 * One frame may not hold the engine's thread longer than this (live work waits behind it): a second,
 * plus 200 ms per megabyte for the few frames of many megabytes (reading and parsing them is linear).
 */
export const frameBudgetMs = (bytes: number) => 1_000 + (bytes / 1e6) * 200;

export class FuzzRig {
  readonly clock = new FakeClock();
  readonly engine: Engine;
  readonly sourceId: string;
  ctx!: ConnectorContext;
  connector!: Connector;
  emits = 0;
  events = 0;
  entityChanges = 0;
  logLines = 0;
  bytes = 0;
  maxFrameBytes = 0;
  slowestFrameMs = 0;
  /** Set when a frame overran its time budget: the run stops there (the rest would only take longer). */
  overrun = false;
  readonly tally: Record<Outcome, number> = { accepted: 0, rejected: 0, unknown: 0, refused: 0, silent: 0, crash: 0 };
  /** Invariant breaches, each with the frame index that revealed it. */
  readonly violations: string[] = [];
  figures: StateFigures = { agents: 0, queues: 0, sites: 0, lines: 0, sharedAgentQueueKeys: 0 };

  constructor(opts: RigOptions) {
    this.sourceId = opts.config.id;
    const logger = createLogger({ scope: 'fuzz', level: 'info', sink: () => void this.logLines++ });
    const { factory } = opts;
    const wrapped: ConnectorFactory = {
      ...factory,
      create: (ctx: ConnectorContext) => {
        const counting: ConnectorContext = {
          ...ctx,
          emit: (events: NormalizedEvent[]) => {
            this.emits++;
            this.events += events.length;
            ctx.emit(events);
          },
        };
        this.ctx = counting;
        this.connector = (factory.create as (c: ConnectorContext) => Connector)(counting);
        if (opts.start) return this.connector;
        // Built but not started: the fuzzer drives the connector's frame path itself.
        return { start: () => undefined, stop: () => this.connector.stop(), check: () => undefined };
      },
    };
    const random = mulberry32(opts.seed ^ 0x5eed).next;
    this.engine = new Engine({
      clock: this.clock,
      random,
      logger,
      fetch: opts.fetch ?? (() => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))),
      factories: opts.factories ?? {},
      registry: { [opts.config.vendor]: wrapped },
    });
    this.engine.state.onChange((collection) => {
      if (ENTITY.has(collection)) this.entityChanges++;
    });
    this.engine.addSource(opts.config);
  }

  source(): Source {
    return this.engine.state.sources.get(this.sourceId)!;
  }

  private counters(): { rejected: number; unknown: number } {
    const c = this.source().counters ?? { events: 0, rejected: 0, unknown: 0 };
    return { rejected: c.rejected, unknown: c.unknown };
  }

  private readonly seen = new Set<string>();

  /** Records a breach once per kind (the first frame that showed it), at most MAX_REPORTED kinds. */
  private violation(index: number, what: string, frame: () => string): void {
    if (this.seen.has(what)) return;
    this.seen.add(what);
    if (this.violations.length < MAX_REPORTED) this.violations.push(`frame ${index}: ${what} — ${frame().slice(0, 300)}`);
    else if (this.violations.length === MAX_REPORTED) this.violations.push('… more violations not listed');
  }

  /** Delivers one frame through `deliver` and classifies what the connector made of it. */
  async frame(index: number, size: number, deliver: () => Promise<Hint> | Hint | void, describe: () => string): Promise<Outcome> {
    this.bytes += size;
    this.maxFrameBytes = Math.max(this.maxFrameBytes, size);
    const before = this.counters();
    const emits = this.emits;
    const changes = this.entityChanges;
    let hint: Hint;
    let outcome: Outcome;
    const started = performance.now();
    try {
      hint = (await deliver()) ?? undefined;
      const after = this.counters();
      if (after.rejected > before.rejected) outcome = 'rejected';
      else if (after.unknown > before.unknown) outcome = 'unknown';
      else if (hint === 'refused') outcome = 'refused';
      else if (this.emits > emits || hint === 'accepted') outcome = 'accepted';
      else outcome = 'silent';
    } catch (e) {
      outcome = 'crash';
      this.violation(index, `exception ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, describe);
    }
    const ms = performance.now() - started;
    this.slowestFrameMs = Math.max(this.slowestFrameMs, ms);
    if (ms > frameBudgetMs(size)) {
      this.overrun = true;
      this.violation(index, `the frame held the engine for ${Math.round(ms)} ms (budget ${Math.round(frameBudgetMs(size))} ms)`, describe);
    }
    this.tally[outcome]++;
    if (outcome === 'silent') this.violation(index, 'the frame was neither used nor counted', describe);
    if (this.emits === emits && this.entityChanges !== changes) this.violation(index, 'the state changed although nothing was emitted', describe);
    const proto = prototypeViolation();
    if (proto) this.violation(index, proto, describe);
    return outcome;
  }

  /** Full state check (every few hundred frames and at the end). */
  check(index: number): void {
    const { violations, figures } = checkState(this.engine, this.sourceId);
    this.figures = figures;
    for (const v of violations) this.violation(index, v, () => 'state check');
  }

  async stop(): Promise<void> {
    const stopping = this.engine.stop();
    await this.clock.advance(5_000);
    await stopping;
  }
}

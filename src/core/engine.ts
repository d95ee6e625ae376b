/**
 * The engine: connectors → normalize → live state → alert engine, and coalesced change batches out.
 * Plain Node; the tray app (src/main) and the collector (src/server) both host one.
 */
import { canonical } from '../shared/canonical';
import type { Agent, Collection, EntityByCollection, Patch, Queue, Site, Snapshot, SourceStatus } from '../shared/model';
import type { SourceConfig } from '../shared/sources';
import type { AlertSettings, Language } from '../shared/settings';
import type { TestResult } from '../shared/bridge';
import { LiveState } from './state/store';
import type { NormalizedEvent } from './state/events';
import { problem } from '../shared/problems';
import { systemClock, type Clock, type TimerHandle } from './util/clock';
import { createLogger, type Logger } from './util/logger';
import { redactSaid, redactStrings, redactText } from './util/redact';
import { WebhookRegistry } from './webhooks';
import { History } from './history/history';
import { createSourceHealth, type TrackedHealth } from './source-health';
import type { Connector, ConnectorContext, ConnectorRegistry, FetchLike, SocketFactories, SourceHealth } from './connectors/types';
import type { AlertEngineApi, Notifier } from './alerts/types';
import { createAlertEngine } from './alerts/engine';
import { defaultRegistry } from './connectors/registry';

export interface EngineOptions {
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  fetch?: FetchLike;
  factories?: SocketFactories;
  registry?: ConnectorRegistry;
  notifier?: Notifier;
  alertSettings?: AlertSettings;
  /** Where alert history is persisted (a JSON file); none keeps it in memory only. */
  alertHistoryPath?: string;
  /** Minimum gap between change batches (≤ ~20 per second). */
  batchMs?: number;
  history?: History;
  /** The language of OS notifications, read when one is sent (default English). */
  language?: () => Language;
}

interface Running {
  config: SourceConfig;
  connector: Connector | null;
  health: TrackedHealth;
  /** False once the source was removed or replaced (read for every frame its connector emits). */
  current: boolean;
}

type PatchListener = (patch: Patch) => void;

const VENDOR_LABEL: Record<SourceConfig['vendor'], string> = {
  wolkvox: 'Wolkvox',
  axialys: 'Axialys',
  avaya: 'Avaya AXP',
  telphin: 'Telphin',
  collector: 'Collector',
};


export class Engine {
  readonly state = new LiveState();
  readonly webhooks = new WebhookRegistry();
  readonly history: History;
  readonly alerts: AlertEngineApi;
  readonly clock: Clock;
  readonly log: Logger;
  private readonly random: () => number;
  private readonly fetchImpl: FetchLike;
  private readonly factories: SocketFactories;
  private readonly registry: ConnectorRegistry;
  private readonly shared = new Map<string, unknown>();
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<PatchListener>();
  private readonly batchMs: number;
  private flushTimer: TimerHandle | null = null;
  private lastFlush = 0;
  private ticker: TimerHandle | null = null;
  private started = false;
  /** The time of the batch being ingested (null outside ingest). */
  private ingestNow: number | null = null;

  constructor(opts: EngineOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.log = opts.logger ?? createLogger({ scope: 'engine' });
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.factories = opts.factories ?? {};
    this.registry = opts.registry ?? defaultRegistry;
    this.batchMs = opts.batchMs ?? 50;
    this.history = opts.history ?? new History();
    this.alerts = createAlertEngine({
      clock: this.clock,
      logger: this.log.child('alerts'),
      notifier: opts.notifier,
      settings: opts.alertSettings,
      historyPath: opts.alertHistoryPath,
      language: opts.language,
      lookup: {
        source: (id) => this.state.sources.get(id),
        agent: (key) => this.state.agents.get(key),
        queue: (key) => this.state.queues.get(key),
        site: (key) => this.state.sites.get(key),
      },
    });
    this.state.setAlertProvider(() => this.alerts.list('all'));
    this.state.onChange((collection, next, prev) => {
      const now = this.ingestNow ?? this.clock.now();
      this.alerts.onEntity(collection, next, prev, now);
      this.recordHistory(collection, next, prev, now);
      this.scheduleFlush();
    });
    this.alerts.onAlertChanged((id) => {
      this.state.markDirty('alerts', id);
      this.scheduleFlush();
    });
  }

  // ---- lifecycle -----------------------------------------------------------------------------
  start(configs: SourceConfig[] = []): void {
    if (!this.started) {
      this.started = true;
      this.ticker = this.clock.setInterval(() => this.tick(), 1000);
    }
    for (const cfg of configs) this.addSource(cfg);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.clock.clearInterval(this.ticker);
    this.ticker = null;
    await Promise.allSettled([...this.running.values()].map((r) => r.connector?.stop()));
    for (const r of this.running.values()) r.health.setStatus('stopped', null);
    this.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flush();
    await this.alerts.flush().catch((e) => this.log.warn('could not persist alert history', e));
  }

  /** Resume from sleep: every connector checks its connection now. */
  checkAll(): void {
    for (const r of this.running.values()) r.connector?.check();
    this.tick();
  }

  private tick(): void {
    const now = this.clock.now();
    this.state.tick(now);
    this.alerts.tick(now);
  }

  // ---- sources -------------------------------------------------------------------------------
  sourceIds(): string[] {
    return [...this.running.keys()];
  }

  sourceConfig(id: string): SourceConfig | undefined {
    return this.running.get(id)?.config;
  }

  /**
   * Adds (or replaces) a source and starts its connector. `config` has secrets resolved; `was`: the
   * status of the source it replaces, when that one is already gone.
   */
  addSource(config: SourceConfig, was?: SourceStatus): void {
    const replaced = this.running.get(config.id);
    if (replaced) {
      was = replaced.health.status;
      void this.removeSource(config.id);
    }
    // A connector only speaks for the source while its record is the current one: a replaced
    // connector still stopping can no longer touch the new source's state or health.
    const running = { config, connector: null, current: true } as Running;
    const current = () => running.current;
    const health = this.createHealth(config, current, was);
    running.health = health;
    this.running.set(config.id, running);
    const factory = this.registry[config.vendor] as ConnectorRegistry[SourceConfig['vendor']] | undefined;
    if (config.enabled === false) {
      health.setStatus('stopped', null);
      return;
    }
    if (!factory) {
      // Only an injected registry (tests) can lack a vendor: the default one has them all (registry.ts).
      health.setStatus('down', missingConnector(config), problem('unsupported'));
      return;
    }
    const ctx = this.context(config, health, current);
    try {
      if (factory.sampleIntervalSec) this.alerts.setSourceCadence(config.id, factory.sampleIntervalSec(config as never));
      running.connector = factory.create(ctx as never);
      running.connector.start();
    } catch (e) {
      health.setStatus('down', redactText(e instanceof Error ? e.message : String(e)));
    }
  }

  /** Removes a source with everything it reported, then stops its connector. */
  async removeSource(id: string): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    r.current = false;
    this.state.removeSource(id);
    this.scheduleFlush();
    await r.connector?.stop().catch((e) => this.log.warn(`stopping ${id} failed`, e));
  }

  /** Removes a source for good: stops it, then lets its connector undo vendor-side registrations. */
  async retireSource(id: string): Promise<void> {
    const config = this.running.get(id)?.config;
    await this.removeSource(id);
    const factory = config ? (this.registry[config.vendor] as ConnectorRegistry[SourceConfig['vendor']] | undefined) : undefined;
    if (!config || !factory?.retire) return;
    try {
      await factory.retire(config as never, { fetch: this.fetchImpl, clock: this.clock, log: this.log.child(id) });
    } catch (e) {
      this.log.warn(`could not clean up ${id} at the vendor`, e);
    }
  }

  /** Replaces the set of sources: unchanged ones keep running, changed ones restart. */
  async setSources(configs: SourceConfig[]): Promise<void> {
    const next = new Map(configs.map((c) => [c.id, c]));
    for (const id of [...this.running.keys()]) if (!next.has(id)) await this.removeSource(id);
    for (const cfg of configs) {
      const cur = this.running.get(cfg.id);
      if (cur && canonical(cur.config) === canonical(cfg)) continue;
      // A new name only: no reconnection (a Wolkvox token use, an Axialys login) and nothing lost.
      if (cur && canonical({ ...cur.config, name: null }) === canonical({ ...cfg, name: null })) {
        cur.config = cfg;
        cur.health.rename(cfg.name || cfg.id);
        continue;
      }
      if (cur) await this.removeSource(cfg.id);
      this.addSource(cfg, cur?.health.status);
    }
  }

  /** "Test connection" without touching the live state. */
  async testSource(config: SourceConfig): Promise<TestResult> {
    const factory = this.registry[config.vendor] as ConnectorRegistry[SourceConfig['vendor']] | undefined;
    if (!factory) return { ok: false, message: `${missingConnector(config)}.`, problem: problem('unsupported') };
    const health: SourceHealth = {
      status: 'connecting',
      setStatus: () => undefined,
      setMode: () => undefined,
      setInfo: () => undefined,
      rejected: () => undefined,
      unknown: () => undefined,
    };
    const ctx = { ...this.context(config, health), webhooks: new WebhookRegistry(), shared: this.shared, emit: () => undefined };
    try {
      return redactedTest(await factory.test(ctx as never));
    } catch (e) {
      return { ok: false, message: redactText(e instanceof Error ? e.message : String(e)) };
    }
  }

  private context(config: SourceConfig, health: SourceHealth, current: () => boolean = () => true): ConnectorContext {
    return {
      config,
      sourceId: config.id,
      clock: this.clock,
      random: this.random,
      log: this.log.child(config.id),
      health,
      fetch: this.fetchImpl,
      webhooks: this.webhooks,
      factories: this.factories,
      shared: this.shared,
      // The running source's own health, not looked up again per batch (testSource replaces `emit`).
      emit: (events, now) => {
        if (current()) this.ingest(config.id, health as TrackedHealth, events, now);
      },
    };
  }

  private createHealth(config: SourceConfig, current: () => boolean, was?: SourceStatus): TrackedHealth {
    return createSourceHealth(config, { state: this.state, clock: this.clock, log: this.log.child(config.id), current, was });
  }

  /** Applies a connector's normalized events in order; `at`: the clock as the connector just read it. */
  private ingest(sourceId: string, health: TrackedHealth, events: NormalizedEvent[], at: number | undefined): void {
    const now = at ?? this.clock.now();
    // Changes applied now are evaluated at this time (one clock read per batch, not per change).
    const outer = this.ingestNow;
    this.ingestNow = now;
    try {
      for (const ev of events) {
        if (ev.type === 'vendor.alert') this.alerts.onVendorAlert(sourceId, ev, now);
        else if (ev.type === 'upstream') this.alerts.onUpstream(sourceId, ev, now);
        else this.state.apply(sourceId, ev, now);
      }
    } finally {
      this.ingestNow = outer;
    }
    if (events.length) health.touch(now, events.length);
  }

  // ---- output --------------------------------------------------------------------------------
  snapshot(): Snapshot {
    return this.state.snapshot(this.clock.now());
  }

  /** Subscribes to coalesced change batches. */
  subscribe(listener: PatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.listeners.size) {
      if (!this.listeners.size) this.state.takePatch(this.clock.now(), () => undefined); // nobody listens: drop changes
      return;
    }
    const wait = Math.max(0, this.lastFlush + this.batchMs - this.clock.now());
    this.flushTimer = this.clock.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, wait);
  }

  /** Emits pending changes now (tests, shutdown). */
  flush(): void {
    const now = this.clock.now();
    const patch = this.state.takePatch(now, (id) => this.alerts.get(id));
    this.lastFlush = now;
    if (!patch) return;
    for (const l of this.listeners) {
      try {
        l(patch);
      } catch (e) {
        this.log.error('patch listener failed', e);
      }
    }
  }

  private recordHistory<C extends Collection>(collection: C, next: EntityByCollection[C] | null, prev: EntityByCollection[C] | null, now: number): void {
    if (collection === 'agents') {
      const a = next as Agent | null;
      if (!a) return this.history.forget('agent', (prev as Agent).key);
      const n = a.network;
      if (!n || n === (prev as Agent | null)?.network) return;
      this.history.record('agent', a.key, n.sampledAt ?? now, n.latencyMs, maxOf(n.txJitterMs, n.rxJitterMs), maxOf(n.txLossPct, n.rxLossPct));
    } else if (collection === 'queues') {
      const q = next as Queue | null;
      if (!q) return this.history.forget('queue', (prev as Queue).key);
      const p = prev as Queue | null;
      if (p && p.waiting === q.waiting && p.longestWaitSec === q.longestWaitSec) return;
      this.history.record('queue', q.key, now, q.waiting, q.longestWaitSec);
    } else if (collection === 'sites') {
      const s = next as Site | null;
      if (!s) return this.history.forget('site', (prev as Site).key);
      this.history.record('site', s.key, now, s.avgLatencyMs, s.maxLatencyMs, s.rejectionPct);
    }
  }
}

function missingConnector(config: SourceConfig): string {
  return `this engine has no connector for ${VENDOR_LABEL[config.vendor]} sources`;
}

/** A test result as the dashboard may see it: every text that could quote a secret redacted. */
function redactedTest(r: TestResult): TestResult {
  const out: TestResult = { ...r, message: redactText(r.message) };
  if (r.problem) out.problem = redactSaid(r.problem);
  if (r.summary) out.summary = redactSaid(r.summary);
  if (r.notes) out.notes = r.notes.map(redactSaid);
  if (r.details) out.details = redactStrings(r.details);
  return out;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}


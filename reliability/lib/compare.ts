/**
 * What the monitor shows against what the vendor holds. `Truth` is the simulator's picture (agent
 * keys with their states, queue keys with their waiting calls); `Mirror` is a client's copy built only
 * from the engine's change batches, as the dashboard builds it, so that a removal lost in a patch or
 * an entity sent twice shows up as a difference too.
 */
import type { Engine } from '../../src/core/engine';
import type { Agent, AgentState, Patch, Queue } from '../../src/shared/model';

export interface Truth {
  /** Agent key → expected state (undefined: any state). */
  agents: Map<string, AgentState | undefined>;
  /** Queue key → expected waiting calls (undefined: any number). */
  queues: Map<string, number | undefined>;
}

export interface Diff {
  missing: string[];
  stale: string[];
  wrongState: string[];
  wrongWaiting: string[];
  /** Agents shown twice under different keys (same source and name). */
  duplicates: string[];
  /** Keys on which the patch-fed mirror and the engine disagree. */
  mirror: string[];
}

export class Mirror {
  readonly agents = new Map<string, Agent>();
  readonly queues = new Map<string, Queue>();
  patches = 0;
  private readonly off: () => void;

  constructor(engine: Engine) {
    const snap = engine.snapshot();
    for (const a of snap.agents) this.agents.set(a.key, a);
    for (const q of snap.queues) this.queues.set(q.key, q);
    this.off = engine.subscribe((p) => this.apply(p));
  }

  apply(p: Patch): void {
    this.patches++;
    for (const a of p.upsert.agents ?? []) this.agents.set(a.key, a);
    for (const q of p.upsert.queues ?? []) this.queues.set(q.key, q);
    for (const k of p.remove.agents ?? []) this.agents.delete(k);
    for (const k of p.remove.queues ?? []) this.queues.delete(k);
  }

  close(): void {
    this.off();
  }
}

export function compare(engine: Engine, truth: Truth, sourceId: string, mirror?: Mirror): Diff {
  const agents = [...engine.state.agents.values()].filter((a) => a.sourceId === sourceId);
  const queues = [...engine.state.queues.values()].filter((q) => q.sourceId === sourceId);
  const d: Diff = { missing: [], stale: [], wrongState: [], wrongWaiting: [], duplicates: [], mirror: [] };
  const shown = new Set(agents.map((a) => a.key));
  const shownQ = new Set(queues.map((q) => q.key));
  for (const k of truth.agents.keys()) if (!shown.has(k)) d.missing.push(k);
  for (const k of truth.queues.keys()) if (!shownQ.has(k)) d.missing.push(k);
  for (const a of agents) {
    if (!truth.agents.has(a.key)) d.stale.push(a.key);
    const want = truth.agents.get(a.key);
    if (want !== undefined && a.state !== want) d.wrongState.push(`${a.key}=${a.state}≠${want}`);
  }
  for (const q of queues) {
    if (!truth.queues.has(q.key)) d.stale.push(q.key);
    const want = truth.queues.get(q.key);
    if (want !== undefined && q.waiting !== want) d.wrongWaiting.push(`${q.key}=${q.waiting}≠${want}`);
  }
  const byName = new Map<string, number>();
  for (const a of agents) byName.set(a.name, (byName.get(a.name) ?? 0) + 1);
  for (const [name, n] of byName) if (n > 1 && name) d.duplicates.push(name);
  if (mirror) {
    for (const a of agents) if (JSON.stringify(mirror.agents.get(a.key)) !== JSON.stringify(a)) d.mirror.push(a.key);
    for (const q of queues) if (JSON.stringify(mirror.queues.get(q.key)) !== JSON.stringify(q)) d.mirror.push(q.key);
    for (const k of mirror.agents.keys()) if (k.startsWith(`${sourceId}:`) && !engine.state.agents.has(k)) d.mirror.push(k);
    for (const k of mirror.queues.keys()) if (k.startsWith(`${sourceId}:`) && !engine.state.queues.has(k)) d.mirror.push(k);
  }
  return d;
}

export function agrees(d: Diff): boolean {
  return !d.missing.length && !d.stale.length && !d.wrongState.length && !d.wrongWaiting.length && !d.duplicates.length && !d.mirror.length;
}

export function describe(d: Diff): string {
  const parts = Object.entries(d)
    .filter(([, v]) => (v as string[]).length)
    .map(([k, v]) => `${k}: ${(v as string[]).slice(0, 6).join(', ')}${(v as string[]).length > 6 ? '…' : ''}`);
  return parts.join('; ') || 'in agreement';
}

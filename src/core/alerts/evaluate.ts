/**
 * Threshold rules over samples: agents' network quality (a sample is a new `network.sampledAt`),
 * queue and site values (a sample is a change of the value, and the current value again every few
 * seconds while an alert is open, so a value that jumps and then stays still raises and clears).
 * Work per event is O(rules bound to that entity); healthy entities allocate nothing.
 */
import type { Agent, Queue, Site, Subject } from '../../shared/model';
import type { AlertBook } from './book';
import type { SourceCadences } from './cadence';
import { inScope, type Rule, type RuleSet } from './rules';
import { levelOf, popcount, pushSample, raiseWindow, severityOf, type Track } from './track';
import type { AlertLookup } from './types';

export interface EvalContext {
  book: AlertBook;
  rules(): RuleSet;
  cadence: SourceCadences;
  lookup: AlertLookup;
}

const MIN_RESAMPLE_SEC = 5;
const MAX_RESAMPLE_SEC = 300;

/** Whether any rule sees a breach in the agent's values (what sample() would see as a non-zero level). */
function anyBreach(rules: readonly Rule[], agent: Agent): boolean {
  for (const rule of rules) {
    if (rule.def.collection !== 'agents') continue;
    const v = rule.def.read(agent);
    if (v !== null && Number.isFinite(v) && levelOf(v, rule.warning, rule.critical) !== 0) return true;
  }
  return false;
}

export class Evaluator {
  constructor(private readonly ctx: EvalContext) {}

  onAgent(next: Agent | null, prev: Agent | null, now: number): void {
    if (!next) return this.removeSubject(this.ctx.rules().agents, prev!.key, now);
    const net = next.network;
    const pnet = prev?.network;
    if (!net || net === pnet) return;
    if (pnet && net.sampledAt !== null && net.sampledAt === pnet.sampledAt) return;
    const rules = this.ctx.rules().agents;
    // A healthy agent with no open track (the usual sample): nothing to look up per rule.
    if (!this.ctx.book.hasTracks(next.key) && !anyBreach(rules, next)) return;
    for (const rule of rules) {
      if (rule.def.collection !== 'agents') continue;
      this.sample(rule, next.sourceId, 'agent', next.key, rule.def.read(next), now, next.queues);
    }
  }

  onQueue(next: Queue | null, prev: Queue | null, now: number): void {
    if (!next) return this.removeSubject(this.ctx.rules().queues, prev!.key, now);
    for (const rule of this.ctx.rules().queues) {
      if (rule.def.collection !== 'queues') continue;
      const v = rule.def.read(next);
      if (prev && rule.def.read(prev) === v) continue;
      this.sample(rule, next.sourceId, 'queue', next.key, v, now);
    }
  }

  onSite(next: Site | null, prev: Site | null, now: number): void {
    if (!next) return this.removeSubject(this.ctx.rules().sites, prev!.key, now);
    for (const rule of this.ctx.rules().sites) {
      if (rule.def.collection !== 'sites') continue;
      const v = rule.def.read(next);
      if (prev && rule.def.read(prev) === v) continue;
      this.sample(rule, next.sourceId, 'site', next.key, v, now);
    }
  }

  /** Takes the current value of queues and sites with an open track as a sample when none came for a while. */
  resample(now: number): void {
    const rules = this.ctx.rules();
    for (const rule of [...rules.queues, ...rules.sites]) {
      const def = rule.def;
      for (const t of [...this.ctx.book.tracksOf(rule.id)]) {
        const every = Math.min(MAX_RESAMPLE_SEC, Math.max(MIN_RESAMPLE_SEC, this.ctx.cadence.of(t.sourceId, def) ?? 0)) * 1000;
        if (now - t.lastSampleAt < every) continue;
        let v: number | null = null;
        if (def.collection === 'queues') {
          const q = this.ctx.lookup.queue(t.subject.key);
          if (q) v = def.read(q);
        } else if (def.collection === 'sites') {
          const s = this.ctx.lookup.site(t.subject.key);
          if (s) v = def.read(s);
        }
        if (v === null) continue;
        this.sample(rule, t.sourceId, t.subject.kind, t.subject.key, v, now);
      }
    }
  }

  sample(rule: Rule, sourceId: string, kind: Subject['kind'], key: string, value: number | null, now: number, agentQueues?: readonly string[]): void {
    if (value === null || !Number.isFinite(value)) return;
    const level = levelOf(value, rule.warning, rule.critical);
    const book = this.ctx.book;
    let t = book.find(rule.id, key);
    if (!t) {
      if (level === 0 || !inScope(rule, sourceId, key, agentQueues)) return;
      t = book.create(rule, { kind, key }, sourceId);
    }
    const { n, m } = raiseWindow(rule, this.ctx.cadence.of(sourceId, rule.def));
    pushSample(t, level, m, value, now);
    this.evaluate(t, n, now);
  }

  private evaluate(t: Track, n: number, now: number): void {
    const book = this.ctx.book;
    const breaches = popcount(t.bits);
    const crits = popcount(t.crit);
    // Lifecycle fields only: the built alert has them current (its value may lag: see Track.alert).
    const a = t.built;
    const k = t.rule.clearK;
    if (!a) {
      if (t.lastLevel === 0) {
        if (t.bits === 0) book.deleteTrack(t);
        return;
      }
      if (breaches >= n) book.fire(t, crits >= n || t.lastLevel === 2 ? 'critical' : 'warning', now);
      else book.pending(t, severityOf(t.lastLevel), now);
      return;
    }
    if (a.state === 'pending') {
      if (breaches >= n) book.fire(t, crits >= n || t.lastLevel === 2 ? 'critical' : 'warning', now);
      else if (breaches === 0 || t.goodStreak >= k) {
        book.drop(t, now);
        if (t.bits === 0) book.deleteTrack(t);
      } else if (t.lastLevel) book.setSeverity(t, severityOf(t.lastLevel), now);
      else book.refresh(t);
      return;
    }
    if (t.goodStreak >= k) {
      book.resolve(t, now);
      if (t.bits === 0) book.deleteTrack(t);
    } else if (a.severity === 'warning' && crits >= n) book.setSeverity(t, 'critical', now);
    else if (a.severity === 'critical' && t.nonCritStreak >= k && t.lastLevel === 1) book.setSeverity(t, 'warning', now);
    else book.refresh(t);
  }

  /** The subject is gone: its alerts end without a recovery notification. */
  removeSubject(rules: readonly Rule[], key: string, now: number): void {
    for (const rule of rules) {
      const t = this.ctx.book.find(rule.id, key);
      if (!t) continue;
      this.ctx.book.resolve(t, now, true);
      this.ctx.book.deleteTrack(t);
    }
  }
}

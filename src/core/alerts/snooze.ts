/**
 * Timed snoozes that also cover alerts raised later: all alerts, one rule, one subject, or one rule on
 * one subject ("snooze latency for 1 h" mutes the agents that degrade during that hour too).
 * "Until recovered" snoozes apply to the alerts firing now only and are not kept here.
 */
import type { SnoozeRequest } from './types';

export interface SnoozeTarget {
  ruleId?: string;
  subjectKey?: string;
  alertId?: string;
}

/** Splits an alert id (`${ruleId}|${subjectKey}`). */
export function splitAlertId(id: string): { ruleId: string; subjectKey: string } {
  const i = id.indexOf('|');
  return i < 0 ? { ruleId: id, subjectKey: '' } : { ruleId: id.slice(0, i), subjectKey: id.slice(i + 1) };
}

function normalize(req: SnoozeTarget): { ruleId?: string; subjectKey?: string } {
  if (!req.alertId) return { ruleId: req.ruleId || undefined, subjectKey: req.subjectKey || undefined };
  return splitAlertId(req.alertId);
}

/** Whether an alert matches a snooze/unsnooze request (no criteria: every alert). */
export function matches(req: SnoozeTarget, alert: { id: string; ruleId: string; subject: { key: string } }): boolean {
  if (req.alertId && alert.id !== req.alertId) return false;
  if (req.ruleId && alert.ruleId !== req.ruleId) return false;
  if (req.subjectKey && alert.subject.key !== req.subjectKey) return false;
  return true;
}

export class SnoozeBook {
  private all: number | null = null;
  private readonly entries = new Map<string, number>();

  set(req: SnoozeRequest, until: number): void {
    const { ruleId, subjectKey } = normalize(req);
    if (!ruleId && !subjectKey) {
      this.all = Math.max(this.all ?? 0, until);
      return;
    }
    const key = `${ruleId ?? '*'}|${subjectKey ?? '*'}`;
    this.entries.set(key, Math.max(this.entries.get(key) ?? 0, until));
  }

  clear(req: SnoozeTarget): void {
    const { ruleId, subjectKey } = normalize(req);
    if (!ruleId && !subjectKey) {
      this.all = null;
      this.entries.clear();
      return;
    }
    for (const key of [...this.entries.keys()]) {
      const [r, s] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
      if ((!ruleId || r === ruleId) && (!subjectKey || s === subjectKey)) this.entries.delete(key);
    }
  }

  /** The latest unexpired snooze covering a new alert of this rule and subject, or null. */
  untilFor(ruleId: string, subjectKey: string, now: number): number | null {
    let best = this.all !== null && this.all > now ? this.all : null;
    if (this.entries.size) {
      for (const key of [`${ruleId}|${subjectKey}`, `${ruleId}|*`, `*|${subjectKey}`]) {
        const u = this.entries.get(key);
        if (u !== undefined && u > now && (best === null || u > best)) best = u;
      }
    }
    return best;
  }

  /** The timed snoozes still running at `now` (saved across a restart). */
  save(now: number): { all: number | null; entries: [string, number][] } {
    return { all: this.all !== null && this.all > now ? this.all : null, entries: [...this.entries].filter(([, u]) => u > now) };
  }

  /** Takes back what `save` gave (the later of each, should one already be set). */
  restore(saved: { all: number | null; entries: readonly (readonly [string, number])[] }, now: number): void {
    if (saved.all !== null && saved.all > now) this.all = Math.max(this.all ?? 0, saved.all);
    for (const [key, until] of saved.entries) {
      if (until > now && key.includes('|')) this.entries.set(key, Math.max(this.entries.get(key) ?? 0, until));
    }
  }

  prune(now: number): void {
    if (this.all !== null && this.all <= now) this.all = null;
    for (const [k, u] of this.entries) if (u <= now) this.entries.delete(k);
  }
}

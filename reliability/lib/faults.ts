/**
 * Runs one fault against a vendor rig and measures it: the source must first be live and agree with
 * the vendor; the fault is injected (and noticed, when it should be); the vendor changes meanwhile;
 * the fault ends; then we time how long until the source is live again and shows exactly the vendor's
 * picture — nothing missing, nothing stale, nothing twice — and count every notification raised.
 */
import { expect } from 'vitest';
import type { Alert, SourceStatus } from '../../src/shared/model';
import { agrees, compare, describe, type Diff } from './compare';
import type { Figures, Figure } from './figures';
import type { Rig } from './rig';
import { sleep, waitFor } from './wait';

export interface FaultSpec {
  fault: string;
  inject(rig: Rig): void | Promise<void>;
  heal(rig: Rig): void | Promise<void>;
  /** Statuses that show the fault was noticed; null: the source must stay live throughout. */
  detect: SourceStatus[] | null;
  /** How long the fault lasts when nothing is to be detected (real ms). */
  holdMs?: number;
  /** The fault lasts at least this long after injection, even once noticed (real ms). */
  outageMs?: number;
  /** Jump the clock this far while the fault lasts (a long outage, in simulated time). */
  outageJumpMs?: number;
  /** The vendor-side change also needs a new login to be seen (directory-based vendors). */
  relogin?: boolean;
  /** Whether the vendor changes while the fault lasts (default true). */
  change?: boolean;
  /** Expected notifications over the scenario as `kind:ruleId` (default: none). */
  notifications?: string[];
  detectWithinMs?: number;
  recoverWithinMs?: number;
  /** Checks of its own after recovery (e.g. no retries while auth failed); returns extra figures. */
  verify?(rig: Rig, m: Measured): Record<string, number | string | boolean> | void | Promise<Record<string, number | string | boolean> | void>;
}

export interface Measured {
  detectMs: number | null;
  recoverMs: number;
  recoverRealMs: number;
  authDuringFault: number;
  statusPath: string;
  notifications: string[];
  diff: Diff;
}

/**
 * A DNS failure after a network change, as every vendor meets it: lookups refused and connections
 * reset, lasting until the connector has failed two lookups (its retries are what fail); then lookups
 * answer again. `detect`: the statuses that show the vendor's connector noticed.
 */
export function dnsFailure(detect: SourceStatus[]): FaultSpec {
  return {
    fault: 'DNS failure (ENOTFOUND)',
    inject: async (r) => {
      r.resolver.failing = true;
      r.proxy.resetAll();
      await waitFor('two failed lookups', () => r.resolver.refused >= 2, 10_000);
    },
    heal: (r) => void (r.resolver.failing = false),
    detect,
    verify: (r) => {
      expect(r.resolver.refused).toBeGreaterThanOrEqual(2);
      return { lookupsFailed: r.resolver.refused };
    },
  };
}

export async function converged(rig: Rig, what = 'live and in agreement with the vendor', timeoutMs = 15_000): Promise<void> {
  await waitFor(
    what,
    () => {
      if (!(rig.settled ? rig.settled(rig.source()) : rig.source().status === 'live')) return false;
      rig.engine.flush();
      return agrees(compare(rig.engine, rig.truth(), rig.sourceId, rig.mirror));
    },
    timeoutMs,
    () => `status ${rig.source().status} (${rig.source().lastError ?? ''}); ${describe(compare(rig.engine, rig.truth(), rig.sourceId, rig.mirror))}`,
  );
}

/** What was notified, as `kind:ruleId` per alert (a group counts once per alert). */
function notificationKinds(rig: Rig): string[] {
  const out: string[] = [];
  for (const n of rig.notifier.take()) {
    for (const id of n.alertIds) out.push(`${n.kind}:${rig.engine.alerts.get(id)?.ruleId ?? rig.engine.alerts.history().find((a) => a.id === id)?.ruleId ?? '?'}`);
  }
  return out.sort();
}

/** How many alerts have been notified so far (a group counts once per alert), without taking them. */
function notifiedAlerts(rig: Rig): number {
  let n = 0;
  for (const sent of rig.notifier.sent) n += sent.alertIds.length;
  return n;
}

const alertKey = (a: Alert) => `${a.ruleId}|${a.subject.key}`;

/**
 * Waits for `probe` while moving the clock a little faster than real time (0.25 s extra every 50 ms):
 * alert rules that need several samples get them sooner; connectors only see time pass.
 */
export async function hurry(rig: Rig, what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`${rig.vendor}: timed out after ${timeoutMs} ms waiting for ${what}`);
    rig.clock.jump(250);
    await sleep(50);
  }
}

export async function runFault(rig: Rig, spec: FaultSpec, figures: Figures): Promise<Figure> {
  await converged(rig);
  // Alerts raised by the starting picture are not the fault's.
  await hurry(rig, `${rig.alertsAtStart} alert(s) of the starting picture`, () => rig.engine.alerts.list('firing').length >= rig.alertsAtStart);
  await sleep(300);
  rig.notifier.take();
  const firingBefore = new Set(rig.engine.alerts.list('firing').map(alertKey));
  const pathStart = rig.statuses.length;
  const auth0 = rig.authRequests();

  const t0 = rig.clock.now();
  await spec.inject(rig);
  let detectMs: number | null = null;
  if (spec.detect) {
    const want = spec.detect;
    await waitFor(`the fault to be noticed (${want.join(' or ')})`, () => want.includes(rig.source().status), spec.detectWithinMs ?? 10_000, () => `status ${rig.source().status}`);
    // When the source first showed it (an injection may itself take a while, e.g. until lookups failed).
    rig.engine.flush();
    const first = rig.statuses.slice(pathStart).find((s) => want.includes(s.status));
    detectMs = (first?.at ?? rig.clock.now()) - t0;
  } else {
    await sleep(spec.holdMs ?? 1500);
  }
  if (spec.change !== false) await rig.change({ relogin: spec.relogin ?? false });
  if (spec.outageMs) await sleep(Math.max(0, spec.outageMs - (rig.clock.now() - t0)));
  if (spec.outageJumpMs) {
    rig.clock.jump(spec.outageJumpMs);
    await waitFor('the feed-lost alert', () => rig.engine.alerts.list('firing').some((a) => a.subject.kind === 'source'), 5_000);
  }
  const authDuringFault = rig.authRequests() - auth0;
  const faultPath = rig.statuses.slice(pathStart).map((s) => s.status);

  const t1 = rig.clock.now();
  const r1 = Date.now();
  const jumped = rig.clock.jumped;
  await spec.heal(rig);
  // A jump made by the heal (resume from sleep) is not recovery time.
  const t1h = t1 + (rig.clock.jumped - jumped);
  await converged(rig, 'recovery', spec.recoverWithinMs ?? 20_000);
  const recoverMs = rig.clock.now() - t1h;
  const recoverRealMs = Date.now() - r1;
  // Alerts that were firing before must be firing again (same rule, same subject): the fault ends no alert.
  const firingNow = () => new Set(rig.engine.alerts.list('firing').map(alertKey));
  await hurry(rig, 'the alerts of the starting picture', () => [...firingBefore].every((k) => firingNow().has(k)));
  // The notifications a scenario expects come from rules that need a few samples after recovery (a
  // loaded machine gets there later): give them their samples before counting, within a bound; the
  // exact comparison below says what is missing if they never come.
  const expected = spec.notifications?.length ?? 0;
  if (expected) await hurry(rig, `${expected} notification(s)`, () => notifiedAlerts(rig) >= expected, 10_000).catch(() => undefined);
  await sleep(400);
  rig.engine.flush();
  const diff = compare(rig.engine, rig.truth(), rig.sourceId, rig.mirror);
  const path = rig.statuses
    .slice(pathStart)
    .map((s) => s.status)
    .filter((s, i, all) => i === 0 || s !== all[i - 1]);
  const m: Measured = {
    detectMs,
    recoverMs,
    recoverRealMs,
    authDuringFault,
    statusPath: path.join('→') || 'live',
    notifications: notificationKinds(rig),
    diff,
  };
  const extra = (await spec.verify?.(rig, m)) ?? {};
  const stillFiring = [...firingBefore].filter((k) => firingNow().has(k)).length;
  const figure = figures.record({
    suite: 'faults',
    vendor: rig.vendor,
    scenario: spec.fault,
    detectMs: detectMs === null ? null : Math.round(detectMs),
    recoverMs: Math.round(recoverMs),
    recoverRealMs,
    statusPath: m.statusPath,
    missing: diff.missing.length,
    stale: diff.stale.length,
    duplicates: diff.duplicates.length + diff.wrongWaiting.length,
    mirrorDiff: diff.mirror.length,
    notifications: m.notifications.length,
    notificationKinds: m.notifications.join(' ') || 'none',
    alertsFiringBefore: firingBefore.size,
    alertsStillFiring: stillFiring,
    credentialRequestsDuringFault: authDuringFault,
    ...extra,
  });
  if (!agrees(diff)) throw new Error(`${rig.vendor} ${spec.fault}: after recovery the monitor disagrees with the vendor: ${describe(diff)}`);
  const want = [...(spec.notifications ?? [])].sort();
  if (JSON.stringify(m.notifications) !== JSON.stringify(want)) {
    throw new Error(`${rig.vendor} ${spec.fault}: notifications ${JSON.stringify(m.notifications)}, expected ${JSON.stringify(want)}`);
  }
  if (spec.detect === null && faultPath.length) throw new Error(`${rig.vendor} ${spec.fault}: the source should have stayed live during the fault but went ${faultPath.join('→')}`);
  return figure;
}

/**
 * The daily token budget. Every report request is one use of the token; the daily quota is
 * licences × 1000 uses (VENDORS.md §1). Cadences are honoured as configured (≥ 1 s): the product
 * shows the projection and warns instead of silently clamping.
 */
import { WOLKVOX_DEFAULT_POLL_SEC, type WolkvoxSourceConfig } from '../../../shared/sources';
import type { Report } from './url';

export const DEFAULT_CADENCE_SEC: Record<Report, number> = WOLKVOX_DEFAULT_POLL_SEC;
export const USES_PER_LICENCE = 1000;
const DAY_SEC = 86_400;

type BudgetConfig = Pick<WolkvoxSourceConfig, 'poll' | 'licences'>;

/** Seconds between polls of each report, defaults applied (never below 1 s). */
export function cadences(config: BudgetConfig): Record<Report, number> {
  const p = config.poll ?? {};
  const pick = (v: number | undefined, d: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(1, v) : d);
  return {
    latency: pick(p.latencySec, DEFAULT_CADENCE_SEC.latency),
    agents: pick(p.agentsSec, DEFAULT_CADENCE_SEC.agents),
    skills: pick(p.skillsSec, DEFAULT_CADENCE_SEC.skills),
  };
}

/** Token uses per day that the configured cadences need (settings warn when over the quota). */
export function projectedDailyUses(config: BudgetConfig): number {
  const c = cadences(config);
  return Math.ceil(DAY_SEC / c.latency) + Math.ceil(DAY_SEC / c.agents) + Math.ceil(DAY_SEC / c.skills);
}

/** The daily quota when `licences` is configured, else null (unknown). */
export function dailyQuota(config: BudgetConfig): number | null {
  return config.licences ? config.licences * USES_PER_LICENCE : null;
}

/** Projection and quota per Wolkvox source, for the settings view's token budget. */
export function tokenBudget(configs: readonly { id: string; vendor: string }[]): Record<string, { projectedPerDay: number; quotaPerDay: number | null }> {
  const out: Record<string, { projectedPerDay: number; quotaPerDay: number | null }> = {};
  for (const c of configs) {
    if (c.vendor !== 'wolkvox') continue;
    const w = c as WolkvoxSourceConfig;
    out[c.id] = { projectedPerDay: projectedDailyUses(w), quotaPerDay: dailyQuota(w) };
  }
  return out;
}

/** The warning shown and logged when the projection exceeds the quota, or null. */
export function quotaWarning(projected: number, quota: number | null, shared: boolean): string | null {
  if (quota === null || projected <= quota) return null;
  const whose = shared ? 'the sources sharing this token need' : 'the configured polling needs';
  return (
    `Wolkvox token budget: ${whose} about ${projected} uses per day but the quota is ${quota} ` +
    `(licences × ${USES_PER_LICENCE}); Wolkvox will answer TOKEN LIMIT EXCEEDED before the day ends. ` +
    'Lengthen the polling intervals or raise the licences in the Sources view.'
  );
}

/**
 * What to look at when an alert fires, in every language: the host says it in OS notifications, the
 * dashboard in an alert's details. Keys name the metric (`metric.<id>.hint`, `.hintIp` when the
 * agent's public IP is known) or a source's state (`source.hintDown`, `source.hintAuth`).
 */
import type { Language } from './settings';
import type { Message } from './i18n';
import { en } from './advice-texts/en';
import { es } from './advice-texts/es';
import { fr } from './advice-texts/fr';
import { ru } from './advice-texts/ru';

export type AdviceKey = keyof typeof en;

/** The advice texts, per language (merged into the dashboard's and the host's catalogs). */
export const ADVICE_TEXTS: Record<Language, Record<AdviceKey, Message>> = { en, es, fr, ru };

/**
 * The advice for an alert on `metric`, or null when there is none (a rule on a metric this version
 * does not know): with the agent's public IP when `withIp`, for a source by its status.
 */
export function adviceKey(metric: string, opts: { withIp?: boolean; sourceStatus?: string; sourceVendor?: string } = {}): AdviceKey | null {
  if (metric === 'source.down') {
    if (opts.sourceStatus === 'auth_failed') return 'source.hintAuth';
    // Another collector down: nothing at a vendor to look at, the collector and the way to it.
    return opts.sourceVendor === 'collector' ? 'source.hintCollector' : 'source.hintDown';
  }
  const ip = opts.withIp ? `metric.${metric}.hintIp` : null;
  if (ip && ip in en) return ip as AdviceKey;
  const key = `metric.${metric}.hint`;
  return key in en ? (key as AdviceKey) : null;
}

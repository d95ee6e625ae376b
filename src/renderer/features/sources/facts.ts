/**
 * Labels of the facts connectors report (a source's `info`, the details of "Test connection"):
 * "tokenUsesToday" reads "Token uses today" in English, "Usos del token hoy" in Spanish. A fact this
 * version has no label for shows its key.
 */
import { CATALOGS, type TextKey } from '../../i18n/translate';
import type { Params } from '../../../shared/i18n';

/** Facts named per measure producer ("subscription.Agent_itd_1.0.0"): the label names the producer. */
const PER_PRODUCER = new Set(['subscription', 'producer']);

export function factLabel(t: (key: TextKey, params?: Params) => string, key: string): string {
  const dot = key.indexOf('.');
  if (dot > 0 && PER_PRODUCER.has(key.slice(0, dot))) return t(`info.${key.slice(0, dot)}` as TextKey, { producer: key.slice(dot + 1) });
  const label = `info.${key}`;
  return label in CATALOGS.en ? t(label as TextKey) : key;
}

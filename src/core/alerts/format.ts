/**
 * An alert's own message, in English: the text of the API, the alert history and its CSV export
 * ("Latency 412 ms ≥ 400 ms — Ana (Wolkvox Bogotá)"). It is built for every change of an alert, so it
 * stays plain string work. What the user reads is in their language: the dashboard writes its own
 * sentences, and notifications and the tray use words.ts.
 */
import type { Source } from '../../shared/model';
import type { MetricDef, Unit } from './catalog';
import { capitalized as cap } from '../../shared/i18n';

const VENDOR_LABEL: Record<Source['vendor'], string> = {
  wolkvox: 'Wolkvox',
  axialys: 'Axialys',
  avaya: 'Avaya AXP',
  telphin: 'Telphin',
  collector: 'Collector',
};

/** "Wolkvox Bogotá" for a Wolkvox source named "Bogotá"; the name alone when it already says the vendor. */
export function sourceLabel(source: { vendor: string; name: string; id: string } | undefined, fallbackId: string): string {
  if (!source) return fallbackId;
  // A vendor this version does not know (an upstream collector's newer one) is named as it is.
  const vendor = (VENDOR_LABEL as Record<string, string>)[source.vendor] ?? source.vendor;
  const name = source.name || source.id;
  return name.toLowerCase().includes(vendor.toLowerCase().split(' ')[0]!) ? name : `${vendor} ${name}`;
}

function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 && m < 10 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

function fmtValue(unit: Unit, v: number): string {
  switch (unit) {
    case 'ms':
      return `${Math.round(v)} ms`;
    case '%':
      return `${Math.round(v * 10) / 10}%`;
    case 's':
      return fmtDuration(v * 1000);
    default:
      return `${Math.round(v * 10) / 10}`;
  }
}

/**
 * "Latency 412 ms ≥ 400 ms", "12 calls waiting ≥ 10"; a value back under the threshold of an alert
 * not over yet says how bad it got: "8 calls waiting (threshold 10, peak 14)".
 */
function describe(def: MetricDef, value: number | null, threshold: number | null, peak: number | null = null): string {
  if (def.sampling === 'vendor') return `${cap(def.label)} (raised by the vendor)`;
  if (value === null) return cap(def.label);
  let th = '';
  if (threshold !== null) {
    const worst = peak !== null && peak > value && peak >= threshold ? `, peak ${fmtValue(def.unit, peak)}` : '';
    th = value >= threshold ? ` ≥ ${fmtValue(def.unit, threshold)}` : ` (threshold ${fmtValue(def.unit, threshold)}${worst})`;
  }
  if (def.unit === 'calls') return `${fmtValue(def.unit, value)} ${def.label}${th}`;
  return `${cap(def.label)} ${fmtValue(def.unit, value)}${th}`;
}

export interface SubjectNames {
  /** Agent or queue name, site IP, or source label. */
  subject: string;
  /** Source label ("Wolkvox Bogotá"). */
  source: string;
  ip: string | null;
  /** Source alerts: the source's status and last error (English), and the error as a problem. */
  status?: string;
  /** Source alerts: the source's vendor (another collector has no vendor page to look at). */
  vendor?: string;
  error?: string | null;
  problem?: Source['problem'];
}

/** The alert's own message (no duration: it is shown next to `since`). */
export function alertMessage(def: MetricDef, value: number | null, threshold: number | null, names: SubjectNames, peak: number | null = null): string {
  if (def.sampling === 'source') {
    const why = names.error ? `: ${names.error}` : '';
    return names.status === 'auth_failed' ? `${names.subject} rejected the credentials${why}` : `${names.subject} is down${why}`;
  }
  return `${describe(def, value, threshold, peak)} — ${names.subject} (${names.source})`;
}

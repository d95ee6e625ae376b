/**
 * Words for alerts: the alert's message and the notification texts. Each says the rule, the value,
 * the threshold, how long, the subject and its source, and what to look at.
 * ("Latency 412 ms ≥ 400 ms for 3 min — Ana (Wolkvox Bogotá) · check the agent's network or public IP 190.1.2.3")
 */
import type { Severity, Source } from '../../shared/model';
import type { MetricDef, Unit } from './catalog';

const VENDOR_LABEL: Record<Source['vendor'], string> = {
  wolkvox: 'Wolkvox',
  axialys: 'Axialys',
  avaya: 'Avaya AXP',
  telphin: 'Telphin',
  collector: 'Collector',
};

/** "Wolkvox Bogotá" for a Wolkvox source named "Bogotá"; the name alone when it already says the vendor. */
export function sourceLabel(source: Pick<Source, 'vendor' | 'name' | 'id'> | undefined, fallbackId: string): string {
  if (!source) return fallbackId;
  const vendor = VENDOR_LABEL[source.vendor] ?? source.vendor;
  const name = source.name || source.id;
  return name.toLowerCase().includes(vendor.toLowerCase().split(' ')[0]!) ? name : `${vendor} ${name}`;
}

export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 && m < 10 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function fmtValue(unit: Unit, v: number): string {
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

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const severityWord = (s: Severity) => (s === 'critical' ? 'Critical' : 'Warning');

/** "Latency 412 ms ≥ 400 ms", "12 calls waiting ≥ 10". */
export function describe(def: MetricDef, value: number | null, threshold: number | null): string {
  if (def.sampling === 'vendor') return `${cap(def.label)} (raised by the vendor)`;
  if (value === null) return cap(def.label);
  let th = '';
  if (threshold !== null) th = value >= threshold ? ` ≥ ${fmtValue(def.unit, threshold)}` : ` (threshold ${fmtValue(def.unit, threshold)})`;
  if (def.unit === 'calls') return `${fmtValue(def.unit, value)} ${def.label}${th}`;
  return `${cap(def.label)} ${fmtValue(def.unit, value)}${th}`;
}

export interface SubjectNames {
  /** Agent or queue name, site IP, or source label. */
  subject: string;
  /** Source label ("Wolkvox Bogotá"). */
  source: string;
  ip: string | null;
  /** Source alerts: the source's status and last error. */
  status?: string;
  error?: string | null;
}

/** The alert's own message (no duration: it is shown next to `since`). */
export function alertMessage(def: MetricDef, value: number | null, threshold: number | null, names: SubjectNames): string {
  if (def.sampling === 'source') return sourceSentence(names, null);
  return `${describe(def, value, threshold)} — ${names.subject} (${names.source})`;
}

function sourceSentence(names: SubjectNames, forMs: number | null): string {
  const long = forMs !== null && forMs >= 1000 ? ` for ${fmtDuration(forMs)}` : '';
  const why = names.error ? `: ${names.error}` : '';
  if (names.status === 'auth_failed') return `${names.subject} rejected the credentials${long}${why}`;
  return `${names.subject} is down${long}${why}`;
}

export function sourceHint(status: string | undefined): string {
  return status === 'auth_failed'
    ? 'check the credentials in Settings → Sources'
    : 'check the network and the vendor status page; data from this source is frozen';
}

/** Body of a single raise/escalation/reminder. */
export function raiseBody(def: MetricDef, value: number | null, threshold: number | null, forMs: number, names: SubjectNames): string {
  if (def.sampling === 'source') return `${sourceSentence(names, forMs)} · ${sourceHint(names.status)}`;
  const long = forMs >= 1000 ? ` for ${fmtDuration(forMs)}` : '';
  return `${describe(def, value, threshold)}${long} — ${names.subject} (${names.source}) · ${def.hint(names.subject, names.ip)}`;
}

/** Body of a recovery. */
export function recoverBody(def: MetricDef, value: number | null, lastedMs: number, names: SubjectNames): string {
  const after = lastedMs >= 1000 ? ` after ${fmtDuration(lastedMs)}` : '';
  if (def.sampling === 'source') return `${names.subject} is receiving data again${after}`;
  if (def.sampling === 'vendor' || value === null) return `${cap(def.label)} is over${after} — ${names.subject} (${names.source})`;
  const what = def.unit === 'calls' ? `${fmtValue(def.unit, value)} ${def.label}` : `${cap(def.label)} back to ${fmtValue(def.unit, value)}`;
  return `${what}${after} — ${names.subject} (${names.source})`;
}

const plural: Record<string, string> = { agent: 'agents', queue: 'queues', site: 'sites', source: 'sources' };

export interface GroupMember {
  severity: Severity;
  threshold: number | null;
  names: SubjectNames;
}

/** "12 agents: latency ≥ 400 ms — 9 share public IP 190.1.2.3 · Ana, Luis, Marta and 9 more (Wolkvox Bogotá) · check …" */
export function groupBody(def: MetricDef, members: GroupMember[]): string {
  const crit = members.filter((m) => m.severity === 'critical');
  const lowest = members.reduce<number | null>((lo, m) => (m.threshold !== null && (lo === null || m.threshold < lo) ? m.threshold : lo), null);
  let head = `${members.length} ${plural[def.subject]}: ${describe(def, null, null).toLowerCase()}`;
  if (def.sampling !== 'vendor' && def.sampling !== 'source' && lowest !== null) head = `${members.length} ${plural[def.subject]}: ${def.label} ≥ ${fmtValue(def.unit, lowest)}`;
  if (crit.length && crit.length < members.length && def.sampling !== 'vendor') head += ` (${crit.length} critical)`;
  const ips = new Map<string, number>();
  for (const m of members) if (m.names.ip) ips.set(m.names.ip, (ips.get(m.names.ip) ?? 0) + 1);
  let shared: [string, number] | null = null;
  for (const e of ips) if (e[1] >= 2 && (!shared || e[1] > shared[1])) shared = e;
  if (shared) head += ` — ${shared[1]} share public IP ${shared[0]}`;
  const names = members.slice(0, 3).map((m) => m.names.subject);
  const more = members.length > 3 ? ` and ${members.length - 3} more` : '';
  const sources = [...new Set(members.map((m) => m.names.source))];
  const where = sources.length <= 2 ? ` (${sources.join(', ')})` : ` (${sources.length} sources)`;
  const hint = shared
    ? `check the internet link at public IP ${shared[0]}`
    : def.subject === 'agent'
      ? "check each agent's network"
      : def.hint(`these ${plural[def.subject]}`, null);
  return `${head} · ${names.join(', ')}${more}${where} · ${hint}`;
}

/** Body of several recoveries of one rule. */
export function groupRecoverBody(def: MetricDef, members: GroupMember[]): string {
  const names = members.slice(0, 3).map((m) => m.names.subject);
  const more = members.length > 3 ? ` and ${members.length - 3} more` : '';
  return `${members.length} ${plural[def.subject]} back to normal (${def.label}): ${names.join(', ')}${more}`;
}

/**
 * An agent's extra fields (`Agent.extra`) as the detail panel lists them. The fields connectors name
 * themselves, and the Wolkvox agents report's best-known counters, read under a label in the
 * dashboard's language; any other field (an Avaya measure, a report column this version does not
 * know) under the vendor's own name. Durations read as clock time, instants as a local date and time,
 * flags as yes/no, the few words a connector chooses in the dashboard's language; a vendor's own words
 * stay as the vendor wrote them, and counts as numbers.
 *
 * A connector marks the key of a field holding an instant or a duration with its unit: "Logged In
 * Since [epoch ms]", "Logon Duration [s]" (the Avaya connector: core/connectors/avaya/convert.ts);
 * such a field is listed under its key without the mark.
 *
 * Avaya AXP's usual agent measures (the default Agent producer's: login id, user status, logged in
 * since…) read under labels in the dashboard's language too, whether the connector keyed them by the
 * catalog's display names ("Time on Hold") or by measure names ("timeOnHold"); a first or last name
 * that the agent's name, the details' title, already says is left out.
 */
import { EXTRA_UNIT_MARK, type ExtraValue } from '../../../shared/model';
import { CATALOGS, type Translator } from '../../i18n/translate';
import { keyOf } from '../../../shared/said';
import { clockDuration } from '../../lib/format';

type Kind = 'text' | 'count' | 'duration' | 'time' | 'flag' | 'words';

/** Unit marks ending a key, and the kind of value they stand for: seconds, epoch ms. */
const MARKS: readonly (readonly [mark: string, kind: Kind])[] = [
  [EXTRA_UNIT_MARK.duration, 'duration'],
  [EXTRA_UNIT_MARK.time, 'time'],
];

/** A marked key's label (the key without its mark) and kind; null for a key without a mark. */
export function markedField(key: string): { label: string; kind: Kind } | null {
  for (const [mark, kind] of MARKS) {
    if (key.length > mark.length && key.endsWith(mark)) return { label: key.slice(0, -mark.length), kind };
  }
  return null;
}

/** The range of instants a Date holds (±100,000,000 days around 1970). */
const MAX_DATE_MS = 8.64e15;

/** Known fields: how each reads. `words`: its values are connector words with texts of their own. */
export const EXTRA_FIELDS: Record<string, Kind> = {
  // Wolkvox: the ids and state under which the reports list the agent, and the agents report's counters.
  agentsReportId: 'text',
  latencyReportId: 'text',
  latencyReportStatus: 'text',
  calls: 'count',
  inbound: 'count',
  outbound: 'count',
  talk_time: 'duration',
  acw_time: 'duration',
  aux_time: 'duration',
  // Axialys operator events.
  callStatus: 'text',
  rec: 'flag',
  service: 'text',
  catchupSec: 'duration',
  ui: 'words',
  // Telphin agents.
  agentType: 'text',
  extension: 'text',
  extensionId: 'text',
  number: 'text',
  eventSource: 'words',
};

/** Avaya AXP's agent measures known to the dashboard, in the order listed (after the fields above). */
const AVAYA_ORDER = ['loginId', 'userStatus', 'loggedInSince', 'logonDuration', 'timeActive', 'idleTime', 'timeOnHold', 'timeInAcw', 'firstName', 'lastName'] as const;
type AvayaField = (typeof AVAYA_ORDER)[number];

/** Those measures by lower-cased measure name and display name (without unit mark). */
const AVAYA_FIELDS: Record<string, AvayaField> = {
  agentloginid: 'loginId',
  'login id': 'loginId',
  userstatus: 'userStatus',
  'user status': 'userStatus',
  timeloggedin: 'loggedInSince',
  'logged in since': 'loggedInSince',
  agentlogonduration: 'logonDuration',
  'logon duration': 'logonDuration',
  timeactive: 'timeActive',
  'time active': 'timeActive',
  idletimeduration: 'idleTime',
  'idle time': 'idleTime',
  timeonhold: 'timeOnHold',
  'time on hold': 'timeOnHold',
  timeinacw: 'timeInAcw',
  'time in acw': 'timeInAcw',
  agentfirstname: 'firstName',
  'first name': 'firstName',
  agentlastname: 'lastName',
  'last name': 'lastName',
};

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The Avaya measure a key names (a unit mark aside), if it is one the dashboard knows. */
function avayaField(key: string, mark: { label: string } | null): AvayaField | null {
  const name = (mark ? mark.label : key).toLowerCase();
  return has(AVAYA_FIELDS, name) ? AVAYA_FIELDS[name]! : null;
}

/** Whether a name part only repeats the agent's name ("Ana" of "Ana Torres"). */
function repeats(title: string, v: ExtraValue): boolean {
  if (typeof v !== 'string' || !v.trim()) return false;
  const words = new Set(title.toLocaleLowerCase().split(/\s+/));
  return v
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => words.has(w));
}

function valueText(kind: Kind | undefined, key: string, v: ExtraValue, tr: Translator): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'boolean' || kind === 'flag') {
    if (v === true || v === 1 || v === '1') return tr.t('extra.yes');
    if (v === false || v === 0 || v === '0') return tr.t('extra.no');
  }
  if (typeof v === 'number') {
    // Wolkvox's `*_time` report columns arrive as seconds, known to this version or not.
    if (kind === 'duration' || (kind === undefined && key.endsWith('_time'))) return clockDuration(v) ?? tr.n(v);
    if (kind === 'time') return Math.abs(v) <= MAX_DATE_MS ? tr.dateTime(v) : tr.n(v);
    return tr.n(v, 2);
  }
  if (kind === 'words') {
    const word = keyOf(CATALOGS.en, `extra.${key}`, v.toLowerCase());
    if (word) return tr.t(word);
  }
  return String(v);
}

/**
 * [label, text] per extra field with a value, known fields first in the order above, then the others
 * as they came. `title`: the agent's name, which a first or last name only repeating it is left out for.
 */
export function extraFacts(extra: Record<string, ExtraValue> | undefined, tr: Translator, title?: string): [string, string][] {
  if (!extra) return [];
  const known: [number, string, string][] = [];
  const other: [string, string][] = [];
  const order = Object.keys(EXTRA_FIELDS);
  for (const key of Object.keys(extra)) {
    const own = has(EXTRA_FIELDS, key);
    const mark = own ? null : markedField(key);
    const avaya = own ? null : avayaField(key, mark);
    if ((avaya === 'firstName' || avaya === 'lastName') && title !== undefined && repeats(title, extra[key]!)) continue;
    const kind = mark ? mark.kind : own ? EXTRA_FIELDS[key] : avaya === 'userStatus' ? 'words' : undefined;
    const text = valueText(kind, avaya ? `avaya.${avaya}` : key, extra[key]!, tr);
    if (text === null) continue;
    if (avaya) {
      known.push([order.length + AVAYA_ORDER.indexOf(avaya), tr.t(`extra.avaya.${avaya}`), text]);
      continue;
    }
    const label = !mark && kind && keyOf(CATALOGS.en, 'extra', key);
    if (label) known.push([order.indexOf(key), tr.t(label), text]);
    else other.push([mark ? mark.label : key, text]);
  }
  return [...known.sort((a, b) => a[0] - b[0]).map(([, l, v]): [string, string] => [l, v]), ...other];
}

/**
 * The alert list as a file a spreadsheet opens as it is: the dashboard's words (headers, levels,
 * states, each alert's sentence), the times of this computer's clock, and numbers and the field
 * separator the way the reader's spreadsheet expects them — `;` between fields where the decimal
 * separator is a comma (Spanish of Spain or Colombia, French, Russian), `,` where it is a point
 * (English, Spanish of Mexico). UTF-8 with a byte order mark, so accented and Cyrillic names survive
 * a double click. A text that would start a formula (= + - @) is prefixed with `'` (OWASP "CSV
 * injection"). Scripts use the collector's fixed English export instead (`/api/alerts/export.csv`).
 */
import type { Alert } from '../../../shared/model';
import type { Language } from '../../../shared/settings';
import type { ClientStore } from '../../bridge/store';
import type { Translator } from '../../i18n/translate';
import { csvText } from '../../../shared/csv';
import { decimalSeparator } from '../../lib/decimal';
import { alertKind, alertWhat, ruleText, subjectName } from './describe';

export interface SheetFormat {
  /** Between fields. */
  separator: ',' | ';';
  /** In numbers. */
  decimal: '.' | ',';
}

/**
 * The format of the reader's spreadsheet: the decimal separator of their own locale when it is of the
 * dashboard's language ("es-MX" for Spanish), else of the language itself.
 */
export function sheetFormat(lang: Language, locales: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): SheetFormat {
  const own = locales.find((l) => l.toLowerCase().split(/[-_]/)[0] === lang);
  let decimal: SheetFormat['decimal'] = '.';
  for (const tag of own ? [own, lang] : [lang]) {
    try {
      decimal = decimalSeparator(tag) === ',' ? ',' : '.';
      break;
    } catch {
      // Not a locale Intl knows ("es-XYZ!"): the language's own.
    }
  }
  return { decimal, separator: decimal === ',' ? ';' : ',' };
}

const textCell = (value: string, f: SheetFormat): string => csvText(value, f.separator);

function numberCell(value: number | null | undefined, f: SheetFormat): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const s = String(value);
  return f.decimal === ',' ? s.replace('.', ',') : s;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** "2026-11-22 14:05:09" on this computer's clock: what spreadsheets read as a date and time in any locale. */
export function sheetTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
}

/** A unit in the reader's language ("мс", "с" in Russian); "%" and none as they are. */
function unitWord(unit: string, tr: Translator): string {
  return unit === 'ms' ? tr.t('unit.ms') : unit === 's' ? tr.t('unit.s') : unit;
}

/** The unit of an alert's value and threshold: empty for counts (calls waiting). */
export function sheetUnit(a: Alert): string {
  switch (alertKind(a)) {
    case 'latency':
    case 'jitter':
      return 'ms';
    case 'loss':
    case 'rejection':
      return '%';
    case 'longestWait':
    case 'sourceDown':
      return 's';
    case 'vendorAlert':
      return a.metric === 'vendor.alert_file' ? 's' : '';
    default:
      return '';
  }
}

const STATE_KEY = { pending: 'sheet.pending', firing: 'alerts.state.firing', resolved: 'alerts.state.resolved' } as const;

/** The file's text: one header line, then one line per alert in the order given, CRLF line ends. */
export function alertsSheet(alerts: readonly Alert[], store: ClientStore, tr: Translator, f: SheetFormat): string {
  const { t } = tr;
  const header = [
    t('col.severity'),
    t('alerts.state'),
    t('col.alert'),
    t('col.subject'),
    t('sheet.kind'),
    t('col.source'),
    t('alerts.value'),
    t('alerts.threshold'),
    t('sheet.unit'),
    t('alerts.started'),
    t('alerts.raised'),
    t('alerts.endedAt'),
    t('sheet.durationSec'),
    t('alerts.acknowledged'),
    t('alerts.rule'),
    t('sheet.id'),
  ];
  const lines = [header.map((h) => textCell(h, f)).join(f.separator)];
  for (const a of alerts) {
    const end = a.resolvedAt ?? null;
    const source = a.sourceId ? (store.sources.get(a.sourceId)?.name ?? a.sourceId) : '';
    lines.push(
      [
        textCell(t(`level.${a.severity}`), f),
        textCell(t(STATE_KEY[a.state]), f),
        textCell(alertWhat(a, tr), f),
        textCell(subjectName(a, store), f),
        textCell(t(`subject.${a.subject.kind}`), f),
        textCell(source, f),
        numberCell(a.value, f),
        numberCell(a.threshold, f),
        textCell(unitWord(sheetUnit(a), tr), f),
        sheetTime(a.since),
        sheetTime(a.firedAt),
        sheetTime(end),
        end === null ? '' : String(Math.max(0, Math.round((end - a.since) / 1000))),
        textCell(t(a.acknowledged ? 'sheet.yes' : 'sheet.no'), f),
        textCell(ruleText(a, tr), f),
        textCell(a.id, f),
      ].join(f.separator),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

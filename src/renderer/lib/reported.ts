/**
 * What each vendor's feed can report, so that an empty table says why: "No network measures yet"
 * waits for data that will come; "Axialys does not report network measures" for data that never
 * will. Network measures, sites (public IPs) and PBX lines come from the Wolkvox latency report only;
 * queues from every vendor, but Telphin only while it polls (its webhooks say who logged in, not who
 * waits). A collector relays what its own sources report, which this side does not know: it may.
 */
import type { Source } from '../../shared/model';
import type { Translator } from '../i18n/translate';

export type Reported = 'network' | 'sites' | 'lines' | 'queues';

/** Whether `s` may ever report `what` (true when it cannot be told). */
export function mayReport(s: Source, what: Reported): boolean {
  switch (s.vendor) {
    case 'wolkvox':
    case 'collector':
      return true;
    case 'axialys':
    case 'avaya':
      return what === 'queues';
    case 'telphin':
      return what === 'queues' && s.mode !== 'webhook';
  }
}

/**
 * The sources a view's filter shows (`sourceId`, or every source for ""), when none of them may report
 * `what`; null when one may, or when no such source is known (nothing to say then but "yet").
 */
export function notReportedBy(sources: Iterable<Source>, sourceId: string, what: Reported): Source[] | null {
  const shown = [...sources].filter((s) => !sourceId || s.id === sourceId);
  return shown.length && !shown.some((s) => mayReport(s, what)) ? shown : null;
}

const NOT_REPORTED = {
  network: 'network.notReported',
  sites: 'network.sitesNotReported',
  lines: 'network.linesNotReported',
  queues: 'queues.notReported',
} as const;

/**
 * "Axialys does not report network measures.", "Avaya and Telphin do not report PBX lines…": the
 * empty state of a table whose sources cannot fill it; null when they may (the caller says "yet").
 */
export function notReportedText(tr: Pick<Translator, 't' | 'lang'>, sources: Iterable<Source>, sourceId: string, what: Reported): string | null {
  const none = notReportedBy(sources, sourceId, what);
  if (!none) return null;
  const names = none.map((s) => s.name).sort((a, b) => a.localeCompare(b));
  const list = new Intl.ListFormat(tr.lang, { type: 'conjunction' }).format(names);
  return tr.t(NOT_REPORTED[what], { source: list, count: names.length });
}

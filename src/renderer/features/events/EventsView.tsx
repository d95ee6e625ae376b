/** The live event log: newest first, filterable by source, level, kind and text; can be paused. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { choiceOf, replaceQuery, useRoute, type Query } from '../../app/router';
import type { LogEntry } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { LOG_CAPACITY } from '../../bridge/store';
import { readLogEntries } from '../../bridge/validate';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { SourceSelect } from '../../components/SourceSelect';
import { useVirtualRows } from '../../components/useVirtualRows';
import { logKindLabel, logText } from '../../../shared/log-words';
import type { Language } from '../../../shared/settings';
import type { Params } from '../../../shared/i18n';
import type { TextKey } from '../../i18n/translate';

const ROW_HEIGHT = 30;
const LEVELS = ['info', 'warning', 'error'] as const;

export interface LogFilter {
  source: string;
  level: '' | LogEntry['level'];
  kind: string;
  text: string;
}

/** An entry as the Events view shows it: in the user's language when its connector said it in words. */
export interface ShownEntry {
  entry: LogEntry;
  text: string;
}

/** The entries newest first, each with its text as `textOf` gives it; `text` filters both it and the English words. */
export function filterLog(log: readonly LogEntry[], f: LogFilter, textOf: (e: LogEntry) => string = (e) => e.text): ShownEntry[] {
  const needle = f.text.trim().toLowerCase();
  const out: ShownEntry[] = [];
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    if (f.source && e.sourceId !== f.source) continue;
    if (f.level && e.level !== f.level) continue;
    if (f.kind && e.kind !== f.kind) continue;
    const text = textOf(e);
    if (needle && !text.toLowerCase().includes(needle) && !e.text.toLowerCase().includes(needle) && !(e.subjectKey ?? '').toLowerCase().includes(needle)) continue;
    out.push({ entry: e, text });
  }
  return out;
}

/** The filter an address asks for (`?source=…&level=…&kind=…&q=…`); an unknown level is no filter. */
export function logFilterOf(q: Query): LogFilter {
  return {
    source: q.source ?? '',
    level: choiceOf(q.level, LEVELS, ''),
    kind: q.kind ?? '',
    text: q.q ?? '',
  };
}

/**
 * An entry's text in `lang`, written once per entry: the log is filtered again whenever entries
 * arrive, and its older entries (up to the store's 2,000) do not change.
 */
function entryText(lang: Language, t: (key: TextKey, params?: Params) => string): (e: LogEntry) => string {
  const written = new WeakMap<LogEntry, string>();
  return (e) => {
    let text = written.get(e);
    if (text === undefined) written.set(e, (text = logText(lang, e, t)));
    return text;
  };
}

/**
 * A snapshot carries the last 200 lines, which a busy feed's calls fill in minutes; the host keeps
 * 2,000. The view asks for them once per snapshot (a reconnection), so that a source's status changes
 * of earlier in the shift are still there.
 */
function useOlderLines(): void {
  const client = useClient();
  const meta = useTopic('meta');
  const loadedAt = useMemo(() => (void meta, client.store.loadedAt), [client, meta]);
  useEffect(() => {
    if (loadedAt === null) return;
    let current = true;
    client.invoke('log:get', { limit: LOG_CAPACITY }).then(
      (lines) => current && client.store.prependLog(readLogEntries(lines)),
      () => undefined, // The last 200 lines stay: the view works without the older ones.
    );
    return () => {
      current = false;
    };
  }, [client, loadedAt]);
}

export function EventsView() {
  const { t, time, lang } = useI18n();
  const { store } = useClient();
  const lv = useTopic('log');
  const sv = useTopic('sources');
  // The filter lives in the address (`#/events?source=…`: a source's card links to its events).
  const { query } = useRoute();
  const filter = useMemo(() => logFilterOf(query), [query]);
  const setFilter = useCallback((f: LogFilter) => replaceQuery('events', null, { source: f.source, level: f.level, kind: f.kind, q: f.text }), []);
  const [frozen, setFrozen] = useState<LogEntry[] | null>(null);
  useOlderLines();
  const live = useMemo(() => (void lv, store.log), [store, lv]);
  const shown = frozen ?? live;
  const textOf = useMemo(() => entryText(lang, t), [lang, t]);
  const rows = useMemo(() => filterLog(shown, filter, textOf), [shown, filter, textOf]);
  const kinds = useMemo(() => [...new Set(live.map((e) => e.kind))].sort(), [live]);
  const sources = useMemo(() => (void sv, [...store.sources.values()]), [store, sv]);
  const newSince = frozen ? live.filter((e) => e.id > (frozen[frozen.length - 1]?.id ?? -1)).length : 0;
  const v = useVirtualRows(rows.length, ROW_HEIGHT, undefined, { measured: true });
  const set = (patch: Partial<LogFilter>) => setFilter({ ...filter, ...patch });
  return (
    <>
      <ViewHeader title={t('nav.events')}>
        <button type="button" aria-pressed={frozen !== null} onClick={() => setFrozen(frozen ? null : store.log)}>
          {frozen ? t('events.resume', { count: newSince }) : t('events.pause')}
        </button>
      </ViewHeader>
      <div className="filters" role="search">
        <label>
          {t('filter.search')}
          <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <SourceSelect value={filter.source} sources={sources} onChange={(source) => set({ source })} />
        <label>
          {t('filter.level')}
          <select value={filter.level} onChange={(e) => set({ level: e.target.value as LogFilter['level'] })}>
            <option value="">{t('filter.all')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`logLevel.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.kind')}
          <select value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t('filter.all')}</option>
            {filter.kind !== '' && !kinds.includes(filter.kind) && <option value={filter.kind}>{logKindLabel(filter.kind, t)}</option>}
            {kinds.map((k) => (
              <option key={k} value={k}>
                {logKindLabel(k, t)}
              </option>
            ))}
          </select>
        </label>
        <output className="muted">{t('events.shown', { shown: rows.length, count: shown.length })}</output>
      </div>
      <div className="table-scroll" ref={v.scrollRef}>
        <table className="grid events" aria-rowcount={rows.length + 1} aria-label={t('nav.events')}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">{t('col.time')}</th>
              <th scope="col">{t('col.source')}</th>
              <th scope="col">{t('filter.level')}</th>
              <th scope="col">{t('filter.kind')}</th>
              <th scope="col">{t('col.event')}</th>
            </tr>
          </thead>
          <tbody onKeyDown={v.onKeyDown}>
            {v.paddingTop > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingTop }} />}
            {v.items.map((item) => {
              const { entry: e, text } = rows[item.index]!;
              return (
                <tr key={e.id} ref={v.measureRow} data-index={item.index} aria-rowindex={item.index + 2} tabIndex={item.index === v.active ? 0 : -1} className={`row log-${e.level}`} onFocus={() => v.setActive(item.index)}>
                  <td className="num">{time(e.at)}</td>
                  <td className="wrap">{store.sources.get(e.sourceId)?.name ?? e.sourceId}</td>
                  <td>
                    <span className={`badge log-${e.level}`}>{t(`logLevel.${e.level}`)}</span>
                  </td>
                  <td className="wrap">{logKindLabel(e.kind, t)}</td>
                  <td className="text" lang={text === e.text ? 'en' : undefined}>
                    {text}
                  </td>
                </tr>
              );
            })}
            {v.paddingBottom > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingBottom }} />}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">{t('events.none')}</p>}
      </div>
    </>
  );
}

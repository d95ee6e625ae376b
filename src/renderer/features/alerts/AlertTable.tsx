/**
 * A list of alerts with what, who, since when, and the actions; or the history, with when each began
 * and ended (it is ordered by the end) and how long it lasted.
 */
import { historyEntryId, type Alert } from '../../../shared/model';
import { useClient, useSourceLabels } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { SeverityBadge } from '../../components/badges';
import { Ticking } from '../../components/Ticking';
import { hrefFor, type Query } from '../../app/router';
import { clockDuration, sameLocalDay } from '../../lib/format';
import { alertSourceId, alertWhat, subjectHref, subjectName } from './describe';
import { AlertActions } from './AlertActions';

/**
 * `focusId`: the row opened (a live alert's id, or a history entry's: see `historyEntryId`). `query`:
 * the list's filters, kept when an alert's details are opened from it. `showSource`: a Source column,
 * where alerts of several sources may be listed (a "Support" queue may be any source's).
 */
export function AlertTable({
  alerts,
  focusId,
  onError,
  history,
  query,
  showSource = false,
}: {
  alerts: Alert[];
  focusId: string | null;
  onError: (m: string | null) => void;
  history: boolean;
  query?: Query;
  showSource?: boolean;
}) {
  const tr = useI18n();
  const { t, time, dateTime } = tr;
  const { store } = useClient();
  // As the agents table: the name without the words every source's name shares, the whole name on hover.
  const { name: sourceName, label: sourceLabel } = useSourceLabels();
  // Today's alerts (most of them) show the time alone; the date is in the tooltip.
  const now = store.now();
  const when = (ms: number) => (
    <time dateTime={new Date(ms).toISOString()} title={dateTime(ms)}>
      {sameLocalDay(ms, now) ? time(ms) : dateTime(ms)}
    </time>
  );
  return (
    <div className="table-scroll">
      <table className="grid alerts" aria-label={t('nav.alerts')}>
        <thead>
          <tr>
            {/* The classes size the columns (components.css): the alert's text and its subject take the room the others leave. */}
            <th scope="col" className="severity">
              {t('col.severity')}
            </th>
            <th scope="col" className="text">
              {t('col.alert')}
            </th>
            <th scope="col">{t('col.subject')}</th>
            {showSource && (
              <th scope="col" className="source">
                {t('col.source')}
              </th>
            )}
            <th scope="col" className="since">
              {history ? t('alerts.started') : t('col.since')}
            </th>
            {history && (
              <th scope="col" className="ended">
                {t('alerts.endedAt')}
              </th>
            )}
            <th scope="col" className="for">
              {history ? t('col.duration') : t('col.for')}
            </th>
            {!history && (
              <th scope="col" className="actions">
                {t('col.actions')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => {
            // An alert that fired several times is in the history once per time, under one alert id:
            // each entry has its own (its address and its row's).
            const rowId = history ? historyEntryId(a) : a.id;
            const isFocus = rowId === focusId;
            return (
              // The opened alert (its details are above the list, and have the focus) is marked in it.
              <tr
                key={`${a.id}|${a.firedAt ?? a.since}|${a.resolvedAt ?? ''}`}
                id={`alert-${rowId}`}
                className={isFocus ? 'row focus' : 'row'}
                aria-current={isFocus ? 'true' : undefined}
                data-alert-id={a.id}
                data-entry-id={history ? rowId : undefined}
              >
                <td>
                  <SeverityBadge severity={a.severity} />
                  {a.suppressed && <span className="muted small"> {t('alerts.suppressed')}</span>}
                </td>
                <td>
                  <a href={hrefFor('alerts', rowId, query)}>{alertWhat(a, tr)}</a>
                </td>
                <td>
                  <a href={subjectHref(a)}>{subjectName(a, store)}</a> <span className="muted small">{t(`subject.${a.subject.kind}`)}</span>
                  {/* In a narrow window the source goes under the subject, in place of its column (components.css); a source is its own. */}
                  {showSource && a.subject.kind !== 'source' && (
                    <span className="alert-source muted small" title={sourceName(alertSourceId(a))}>
                      {sourceLabel(alertSourceId(a))}
                    </span>
                  )}
                </td>
                {showSource && (
                  <td className="source" title={sourceName(alertSourceId(a))}>
                    <SourceLabel label={sourceLabel(alertSourceId(a))} />
                  </td>
                )}
                <td>{when(a.since)}</td>
                {history && <td>{a.resolvedAt != null ? when(a.resolvedAt) : '–'}</td>}
                <td className="num">{a.state === 'resolved' ? (clockDuration(((a.resolvedAt ?? a.since) - a.since) / 1000) ?? '–') : <Ticking since={a.since} />}</td>
                {!history && (
                  <td>
                    <AlertActions alert={a} onError={onError} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A source's label, its words on one line ("Avaya AXP", not "Avaya / AXP"); a note in brackets after
 * them ("Avaya AXP (demo)") may go under them, to leave the alert's text room.
 */
function SourceLabel({ label }: { label: string }) {
  const m = /^(.*\S)\s+(\([^()]*\))$/.exec(label);
  if (!m) return <span className="words">{label}</span>;
  return (
    <>
      <span className="words">{m[1]}</span> <span className="words">{m[2]}</span>
    </>
  );
}

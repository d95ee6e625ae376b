/**
 * Wallboard (`/?wallboard=1`): the floor in large type for a TV, no navigation. Totals, the busiest
 * queues, firing critical alerts and each source's state, readable from across the room.
 */
import { useMemo, type CSSProperties } from 'react';
import { byUrgency, type Alert } from '../../../shared/model';
import { useClient, useConnStatus, useSourceLabels, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { ConnectionBanner } from '../../app/ConnectionBanner';
import { StatusBadge } from '../../components/badges';
import { clockDuration } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { emptySummary, freshness, longestWaitText, queueWaitSec } from '../../lib/summary';
import { useSecond } from '../../lib/ticker';
import { useSummary } from '../overview/useSummary';
import { alertWhat, subjectName } from '../alerts/describe';

const TOP_QUEUES = 8;
const TOP_ALERTS = 6;

/**
 * The order of the critical alerts, the most important first, so that those the panel has no room
 * for are the least: a source down (its whole feed lost: every other figure of it is in doubt), then
 * the tray's and the API's urgency order (`byUrgency`: the oldest first).
 */
function byWallboardOrder(a: Alert, b: Alert): number {
  const feed = Number(b.subject.kind === 'source') - Number(a.subject.kind === 'source');
  return feed || byUrgency(a, b);
}

export function Wallboard() {
  const tr = useI18n();
  const { t, n, time } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const { name: sourceName, label: sourceLabel } = useSourceLabels();
  const stale = useConnStatus().state !== 'open';
  const qv = useTopic('queues');
  const sv = useTopic('sources');
  const av = useTopic('alerts');
  const second = useSecond();
  const total = useSummary().get('') ?? emptySummary();
  const now = store.now();
  const queues = useMemo(() => {
    void qv;
    void second;
    return [...store.queues.values()].sort((a, b) => b.waiting - a.waiting || (queueWaitSec(b, now) ?? 0) - (queueWaitSec(a, now) ?? 0)).slice(0, TOP_QUEUES);
  }, [store, qv, second, now]);
  const alerts = useMemo(() => {
    void av;
    return [...store.alerts.values()].filter((a) => a.state === 'firing' && a.severity === 'critical' && !a.suppressed).sort(byWallboardOrder);
  }, [store, av]);
  const sources = useMemo(() => (void sv, [...store.sources.values()]), [store, sv]);
  const big = (label: string, value: string, cls = '') => (
    <div className={`wb-figure ${cls}`}>
      <div className="wb-value" style={{ '--chars': value.length } as CSSProperties}>
        {value}
      </div>
      <div className="wb-label">{label}</div>
    </div>
  );
  // The totals take the worst level of their queues (summarize), never the sum against one queue's threshold.
  const waitLevel = total.waitingLevel ?? 'ok';
  const longLevel = total.longestWaitLevel ?? 'ok';
  // Queues of several sources listed: each says which it is (the short label, as the agents table's).
  const manySources = new Set(queues.map((q) => q.sourceId)).size > 1;
  const hidden = Math.max(0, alerts.length - TOP_ALERTS);
  return (
    <div className={stale ? 'wallboard stale' : 'wallboard'}>
      <ConnectionBanner />
      <header className="wb-head">
        <h1>{t('app.title')}</h1>
        <span className="wb-clock">{time(Date.now())}</span>
      </header>
      <section className="wb-figures" aria-label={t('overview.total')}>
        {big(t('overview.waiting'), n(total.waiting), `lvl-${waitLevel}`)}
        {big(t('overview.longestWait'), longestWaitText(total), `lvl-${longLevel}`)}
        {big(t('state.available'), n(total.byState.available), 'state-available')}
        {big(t('state.on_call'), n(total.byState.on_call + total.byState.ringing), 'state-on_call')}
        {big(t('state.paused'), n(total.byState.paused), 'state-paused')}
        {big(t('overview.alerts'), n(total.alerts.critical), total.alerts.critical ? 'lvl-critical' : '')}
      </section>
      <div className="wb-columns">
        <section aria-labelledby="wb-queues">
          <h2 id="wb-queues">{t('nav.queues')}</h2>
          <table className="wb-table">
            <thead>
              <tr>
                <th scope="col">{t('col.queue')}</th>
                {manySources && <th scope="col">{t('col.source')}</th>}
                <th scope="col" className="num">
                  {t('overview.waiting')}
                </th>
                <th scope="col" className="num">
                  {t('overview.longestWait')}
                </th>
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => {
                const wait = queueWaitSec(q, now);
                const th = thresholdsFor({ kind: 'queue', key: q.key, sourceId: q.sourceId });
                return (
                  <tr key={q.key}>
                    <th scope="row">{q.name}</th>
                    {manySources && (
                      <td className="wb-queue-source" title={sourceName(q.sourceId)}>
                        {sourceLabel(q.sourceId)}
                      </td>
                    )}
                    <td className={`num lvl-${levelOf(q.waiting, th['queue.waiting']) ?? 'ok'}`}>{n(q.waiting)}</td>
                    <td className={`num lvl-${levelOf(wait, th['queue.longest_wait']) ?? 'ok'}`}>{clockDuration(wait) ?? '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="wb-alerts">
          <h2 id="wb-alerts">{t('wallboard.criticalAlerts', { count: alerts.length })}</h2>
          {alerts.length === 0 ? (
            <p className="wb-calm">{t('wallboard.noCritical')}</p>
          ) : (
            <ul className="wb-alerts">
              {alerts.slice(0, TOP_ALERTS).map((a) => (
                <li key={a.id} className="lvl-critical">
                  <span className="glyph" aria-hidden="true">
                    ✖
                  </span>{' '}
                  {t('label.colon', { label: subjectName(a, store) })} {alertWhat(a, tr)}
                </li>
              ))}
              {hidden > 0 && <li className="wb-more">{t('wallboard.more', { count: hidden })}</li>}
            </ul>
          )}
        </section>
      </div>
      <footer className="wb-sources">
        {sources.map((s) => (
          <span key={s.id} className={`wb-source fresh-${freshness(s)}`}>
            {s.name} <StatusBadge status={s.status} />
          </span>
        ))}
      </footer>
    </div>
  );
}

/**
 * Queues, skills and trunks: waiting calls, ticking longest wait, service level and volumes. A queue's
 * name opens its details (`#/queues/<key>`) above the table.
 */
import { useMemo, useState } from 'react';
import type { Queue } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { ViewHeader } from '../../components/ViewHeader';
import { SourceSelect } from '../../components/SourceSelect';
import { SortHeader, type SortState } from '../../components/SortHeader';
import { LevelValue } from '../../components/badges';
import { clockDuration, compareNullable } from '../../lib/format';
import { levelOf } from '../../lib/rules';
import { availableByQueue, queueAvailable, queueWaitSec } from '../../lib/summary';
import { useSecond } from '../../lib/ticker';
import { fold } from '../agents/rows';
import { pctText } from '../../lib/units';
import { notReportedText } from '../../lib/reported';
import { hrefFor, navigate, replaceQuery, useRoute } from '../../app/router';
import { QueueDetail } from './QueueDetail';

type Key = 'name' | 'source' | 'waiting' | 'longest' | 'sl' | 'offered' | 'answered' | 'abandoned' | 'available';

function value(q: Queue, key: Key, now: number, counted: ReadonlyMap<string, number>): string | number | null {
  switch (key) {
    case 'name':
      return fold(q.name);
    case 'source':
      return q.sourceId;
    case 'waiting':
      return q.waiting;
    case 'longest':
      return queueWaitSec(q, now);
    case 'sl':
      return q.serviceLevelPct;
    case 'offered':
      return q.offered;
    case 'answered':
      return q.answered;
    case 'abandoned':
      return q.abandoned;
    case 'available':
      return queueAvailable(q, counted);
  }
}

export function QueuesView() {
  const tr = useI18n();
  const { t, n } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const qv = useTopic('queues');
  const sv = useTopic('sources');
  const av = useTopic('agents');
  // Agents available where the vendor does not say, from who belongs to the queue (Axialys's groups).
  const counted = useMemo(() => (void av, availableByQueue(store.agents.values())), [store, av]);
  const second = useSecond();
  const [sort, setSort] = useState<SortState<Key>>({ key: 'waiting', dir: -1 });
  const route = useRoute();
  // The source filter lives in the address, as the agents table's does.
  const source = route.query.source ?? '';
  const setSource = (s: string) => replaceQuery('queues', route.param, { source: s });
  const now = store.now();
  const rows = useMemo(() => {
    void qv;
    void second;
    const list = [...store.queues.values()].filter((q) => !source || q.sourceId === source);
    const t0 = store.now();
    return list.sort((a, b) => compareNullable(value(a, sort.key, t0, counted), value(b, sort.key, t0, counted), sort.dir) || (a.key < b.key ? -1 : 1));
  }, [store, qv, second, sort, source, counted]);
  const sources = useMemo(() => (void sv, [...store.sources.values()]), [store, sv]);
  const sp = { sort, onSort: setSort };
  const num = (v: number | null) => (v === null ? '–' : n(v));
  return (
    <>
      <ViewHeader title={t('nav.queues')} />
      {route.param && <QueueDetail queueKey={route.param} counted={counted} onClose={() => navigate('queues', null, route.query)} />}
      <div className="filters">
        <SourceSelect value={source} sources={sources} onChange={setSource} />
      </div>
      <div className="table-scroll">
        <table className="grid queues" aria-label={t('nav.queues')}>
          <thead>
            <tr>
              <SortHeader id="name" {...sp}>{t('col.queue')}</SortHeader>
              <SortHeader id="source" {...sp}>{t('col.source')}</SortHeader>
              <SortHeader id="waiting" firstDir={-1} {...sp} className="num">{t('col.waiting')}</SortHeader>
              <SortHeader id="longest" firstDir={-1} {...sp} className="num">{t('col.longestWait')}</SortHeader>
              <SortHeader id="sl" {...sp} className="num">{t('col.serviceLevel')}</SortHeader>
              <SortHeader id="offered" firstDir={-1} {...sp} className="num">{t('col.offered')}</SortHeader>
              <SortHeader id="answered" firstDir={-1} {...sp} className="num">{t('col.answered')}</SortHeader>
              <SortHeader id="abandoned" firstDir={-1} {...sp} className="num">{t('col.abandoned')}</SortHeader>
              <SortHeader id="available" {...sp} className="num">{t('col.agentsAvailable')}</SortHeader>
            </tr>
          </thead>
          <tbody>
            {rows.map((q) => {
              const wait = queueWaitSec(q, now);
              const th = thresholdsFor({ kind: 'queue', key: q.key, sourceId: q.sourceId });
              return (
                <tr key={q.key} className={q.key === route.param ? 'focus' : undefined} aria-current={q.key === route.param ? 'true' : undefined}>
                  <th scope="row">
                    <a href={hrefFor('queues', q.key, route.query)} aria-label={t('queues.open', { name: q.name })}>
                      {q.name}
                    </a>{' '}
                    <span className="muted small">{t(`kind.${q.kind}`)}</span>
                  </th>
                  <td>{store.sources.get(q.sourceId)?.name ?? q.sourceId}</td>
                  <td className="num">
                    <LevelValue level={levelOf(q.waiting, th['queue.waiting'])} text={n(q.waiting)} />
                  </td>
                  <td className="num">
                    <LevelValue level={levelOf(wait, th['queue.longest_wait'])} text={clockDuration(wait)} />
                  </td>
                  <td className="num">{pctText(tr, q.serviceLevelPct, 1) ?? '–'}</td>
                  <td className="num">{num(q.offered)}</td>
                  <td className="num">{num(q.answered)}</td>
                  <td className="num">{num(q.abandoned)}</td>
                  <td className="num" title={q.agentsAvailable === null && counted.has(q.key) ? t('queues.availableCounted') : undefined}>
                    {num(queueAvailable(q, counted))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">{store.sources.size ? (notReportedText(tr, sources, source, 'queues') ?? t('queues.none')) : t('common.noSources')}</p>}
      </div>
    </>
  );
}

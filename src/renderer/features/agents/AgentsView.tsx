/** Every agent in one virtualized table: sort, filter, search, ticking time in state, network colours. */
import { useCallback, useMemo, useState } from 'react';
import { useClient, useSourceLabels, useSourcesByName, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { navigate, replaceQuery, useRoute } from '../../app/router';
import { ViewHeader } from '../../components/ViewHeader';
import { SortHeader } from '../../components/SortHeader';
import { useVirtualRows } from '../../components/useVirtualRows';
import { filterOfQuery, queryOfFilter, selectAgents, agentQueue, type AgentFilter, type Sort } from './rows';
import { AgentRow } from './AgentRow';
import { AgentDetail } from './AgentDetail';
import { AgentFilters } from './AgentFilters';

const ROW_HEIGHT = 36;
/** Fixed column widths (tables.css): live updates never make columns jump, and layout stays cheap. */
const COLUMNS = ['name', 'source', 'state', 'time', 'reason', 'queue', 'latency', 'jitter', 'loss', 'rejection', 'trend'] as const;

export function AgentsView() {
  const { t } = useI18n();
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  const route = useRoute();
  const av = useTopic('agents');
  const qv = useTopic('queues');
  // The filter lives in the address: the overview's links open the table filtered, a reload keeps it.
  const { param, query } = route;
  const filter = useMemo(() => filterOfQuery(query), [query]);
  const setFilter = useCallback((f: AgentFilter) => replaceQuery('agents', param, queryOfFilter(f)), [param]);
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 1 });

  const sources = useSourcesByName();
  const { name: sourceName, label: sourceLabel } = useSourceLabels();
  // The queues an agent can be found in (its call's, or those it belongs to): a skill no agent is
  // known to serve would only ever filter the table empty.
  const queues = useMemo(() => {
    void qv;
    void av;
    const served = new Set<string>();
    for (const a of store.agents.values()) {
      if (a.call?.queueKey) served.add(a.call.queueKey);
      for (const k of a.queues ?? []) served.add(k);
    }
    return [...store.queues.values()].filter((q) => served.has(q.key)).sort((a, b) => a.name.localeCompare(b.name));
  }, [store, qv, av]);
  const queueName = useCallback((k: string) => store.queues.get(k)?.name ?? k, [store]);
  const rows = useMemo(() => (void av, void qv, selectAgents(store.agents.values(), filter, sort, queueName)), [store, av, qv, filter, sort, queueName]);

  // One source shown (the filter names one, or only one is set up): its name in every row says
  // nothing, so its column gives its width to the names and queues.
  const oneSource = filter.source !== '' || store.sources.size <= 1;
  const columns = oneSource ? COLUMNS.filter((c) => c !== 'source') : COLUMNS;

  const open = useCallback((key: string) => navigate('agents', key, query), [query]);
  const v = useVirtualRows(rows.length, ROW_HEIGHT, (i) => rows[i] && open(rows[i].key));
  const { setActive } = v;
  const sortProps = { sort, onSort: setSort };

  return (
    <>
      <ViewHeader title={t('nav.agents')} />
      <AgentFilters filter={filter} onChange={setFilter} sources={sources} queues={queues} shown={rows.length} total={store.agents.size} />
      {param && <AgentDetail agentKey={param} onClose={() => navigate('agents', null, query)} />}
      <div className="table-scroll" ref={v.scrollRef}>
        <table className={oneSource ? 'grid agents one-source' : 'grid agents'} aria-rowcount={rows.length + 1} aria-label={t('nav.agents')}>
          <colgroup>
            {columns.map((c) => (
              <col key={c} className={`col-${c}`} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <SortHeader id="name" {...sortProps}>{t('col.name')}</SortHeader>
              {!oneSource && <SortHeader id="source" {...sortProps}>{t('col.source')}</SortHeader>}
              <SortHeader id="state" {...sortProps}>{t('col.state')}</SortHeader>
              <SortHeader id="time" firstDir={-1} {...sortProps} className="num">{t('col.timeInState')}</SortHeader>
              <SortHeader id="reason" {...sortProps}>{t('col.reason')}</SortHeader>
              <SortHeader id="queue" {...sortProps}>{t('col.queue')}</SortHeader>
              <SortHeader id="latency" firstDir={-1} {...sortProps} className="num">{t('col.latency')}</SortHeader>
              <SortHeader id="jitter" firstDir={-1} {...sortProps} className="num">{t('col.jitter')}</SortHeader>
              <SortHeader id="loss" firstDir={-1} {...sortProps} className="num">{t('col.loss')}</SortHeader>
              <SortHeader id="rejection" firstDir={-1} {...sortProps} className="num">{t('col.rejection')}</SortHeader>
              <th scope="col">{t('col.trend')}</th>
            </tr>
          </thead>
          <tbody onKeyDown={v.onKeyDown}>
            {v.paddingTop > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingTop }} />}
            {v.items.map((item) => {
              const a = rows[item.index]!;
              const q = agentQueue(a);
              return (
                <AgentRow
                  key={a.key}
                  agent={a}
                  index={item.index}
                  active={item.index === v.active}
                  sourceName={oneSource ? null : sourceName(a.sourceId)}
                  sourceLabel={oneSource ? null : sourceLabel(a.sourceId)}
                  queueName={q ? queueName(q) : null}
                  thresholds={thresholdsFor({ kind: 'agent', key: a.key, sourceId: a.sourceId, queues: a.queues })}
                  onOpen={open}
                  onFocusRow={setActive}
                />
              );
            })}
            {v.paddingBottom > 0 && <tr className="spacer" aria-hidden="true" style={{ height: v.paddingBottom }} />}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">{store.agents.size ? t('agents.noMatch') : store.sources.size ? t('agents.none') : t('common.noSources')}</p>}
      </div>
    </>
  );
}

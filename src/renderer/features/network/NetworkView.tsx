/** Network quality by agent, by site (public IP) and by PBX line, with trends for a chosen agent or site. */
import { useState } from 'react';
import { useClient, useSourcesByName } from '../../bridge/react';
import { choiceOf, replaceQuery, useRoute } from '../../app/router';
import { SourceSelect } from '../../components/SourceSelect';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { TabPanel, Tabs } from '../../components/Tabs';
import { NetworkAgents } from './NetworkAgents';
import { SitesTable } from './SitesTable';
import { LinesTable } from './LinesTable';
import { AgentTrends } from './AgentTrends';
import { SiteTrends } from './SiteTrends';
import { DEFAULT_SORTS, WORST_FIRST, type NetworkSorts } from './sort';

type Tab = 'agents' | 'sites' | 'lines';
const TABS: readonly Tab[] = ['agents', 'sites', 'lines'];

export function NetworkView() {
  const { t } = useI18n();
  const sources = useSourcesByName();
  // The source filter, the tab and the agent or site whose trends are shown live in the address
  // (`#/network?source=…&tab=sites`, `#/network?agent=<source>:<id>`,
  // `#/network?tab=sites&site=<source>:<ip>`): the overview's network line links there, and a reload
  // or a bookmark shows the same table and trends.
  const { param, query } = useRoute();
  const source = query.source ?? '';
  const tab = choiceOf(query.tab, TABS, 'agents');
  const selected = query.agent ?? null;
  const site = query.site ?? null;
  const change = (patch: Record<string, string>) => replaceQuery('network', param, { ...query, ...patch });
  const { store } = useClient();
  // The agent or site whose trends are shown follows the source filter: one of another source is no
  // longer shown, and choosing that source leaves it out of the address as well.
  const setSource = (s: string) => {
    const patch: Record<string, string> = { source: s };
    if (s && selected && store.agents.get(selected)?.sourceId !== s) patch.agent = '';
    if (s && site && store.sites.get(site)?.sourceId !== s) patch.site = '';
    change(patch);
  };
  const setTab = (next: Tab) => change({ tab: next === 'agents' ? '' : next });
  const setSelected = (key: string | null) => change({ agent: key ?? '' });
  const setSite = (key: string | null) => change({ site: key ?? '' });
  // Each table's order, kept while the reader moves between tabs.
  const [sorts, setSorts] = useState<NetworkSorts>(DEFAULT_SORTS);
  const sortOf = <K extends Tab>(k: K) => ({ sort: sorts[k], onSort: (s: NetworkSorts[K]) => setSorts((all) => ({ ...all, [k]: s })) });
  const worstFirst = sorts[tab].key === 'worst';
  return (
    <>
      <ViewHeader title={t('nav.network')} />
      <div className="filters">
        <SourceSelect value={source} sources={sources} onChange={setSource} />
        <button type="button" aria-pressed={worstFirst} onClick={() => setSorts((all) => ({ ...all, [tab]: WORST_FIRST }))}>
          {t('network.worstFirst')}
        </button>
      </div>
      <Tabs
        label={t('nav.network')}
        current={tab}
        onChange={setTab}
        tabs={[
          { id: 'agents', label: t('network.byAgent') },
          { id: 'sites', label: t('network.bySite') },
          { id: 'lines', label: t('network.byLine') },
        ]}
      />
      <TabPanel id={tab}>
        {tab === 'agents' && (
          <>
            <NetworkAgents selected={selected} onSelect={setSelected} sourceId={source} {...sortOf('agents')} />
            <AgentTrends agentKey={selected} sourceId={source} />
          </>
        )}
        {tab === 'sites' && (
          <>
            <SitesTable sourceId={source} {...sortOf('sites')} selected={site} onSelect={setSite} />
            <SiteTrends siteKey={site} sourceId={source} />
          </>
        )}
        {tab === 'lines' && <LinesTable sourceId={source} {...sortOf('lines')} />}
      </TabPanel>
    </>
  );
}

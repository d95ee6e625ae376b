/** Network quality by agent, by site (public IP) and by PBX line, with trends for a chosen agent. */
import { useSourcesByName } from '../../bridge/react';
import { choiceOf, replaceQuery, useRoute } from '../../app/router';
import { SourceSelect } from '../../components/SourceSelect';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { TabPanel, Tabs } from '../../components/Tabs';
import { NetworkAgents } from './NetworkAgents';
import { SitesTable } from './SitesTable';
import { LinesTable } from './LinesTable';
import { AgentTrends } from './AgentTrends';

type Tab = 'agents' | 'sites' | 'lines';
const TABS: readonly Tab[] = ['agents', 'sites', 'lines'];

export function NetworkView() {
  const { t } = useI18n();
  const sources = useSourcesByName();
  // The source filter, the tab and the agent whose trends are shown live in the address
  // (`#/network?source=…&tab=sites`, `#/network?agent=<source>:<id>`): the overview's network line
  // links there, and a reload or a bookmark shows the same table and trends.
  const { param, query } = useRoute();
  const source = query.source ?? '';
  const tab = choiceOf(query.tab, TABS, 'agents');
  const selected = query.agent ?? null;
  const change = (patch: Record<string, string>) => replaceQuery('network', param, { ...query, ...patch });
  const setTab = (next: Tab) => change({ tab: next === 'agents' ? '' : next });
  const setSelected = (key: string | null) => change({ agent: key ?? '' });
  return (
    <>
      <ViewHeader title={t('nav.network')} />
      <div className="filters">
        <SourceSelect value={source} sources={sources} onChange={(s) => change({ source: s })} />
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
            <NetworkAgents selected={selected} onSelect={setSelected} sourceId={source} />
            <AgentTrends agentKey={selected} />
          </>
        )}
        {tab === 'sites' && <SitesTable sourceId={source} />}
        {tab === 'lines' && <LinesTable sourceId={source} />}
      </TabPanel>
    </>
  );
}

/** Network quality by agent, by site (public IP) and by PBX line, with trends for a chosen agent. */
import { useState } from 'react';
import { useSourcesByName } from '../../bridge/react';
import { replaceQuery, useRoute } from '../../app/router';
import { SourceSelect } from '../../components/SourceSelect';
import { useI18n } from '../../i18n/context';
import { ViewHeader } from '../../components/ViewHeader';
import { TabPanel, Tabs } from '../../components/Tabs';
import { NetworkAgents } from './NetworkAgents';
import { SitesTable } from './SitesTable';
import { LinesTable } from './LinesTable';
import { AgentTrends } from './AgentTrends';

type Tab = 'agents' | 'sites' | 'lines';

export function NetworkView() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('agents');
  const [selected, setSelected] = useState<string | null>(null);
  const sources = useSourcesByName();
  // The source filter lives in the address (`#/network?source=…`: the overview's network line links there).
  const { param, query } = useRoute();
  const source = query.source ?? '';
  return (
    <>
      <ViewHeader title={t('nav.network')} />
      <div className="filters">
        <SourceSelect value={source} sources={sources} onChange={(s) => replaceQuery('network', param, { source: s })} />
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

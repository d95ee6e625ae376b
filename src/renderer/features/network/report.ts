/**
 * A site (the agents behind one public IP) as lines of text to paste into a ticket for the network
 * team or the provider: its figures, then each agent there with its own measures, worst latency first.
 */
import type { Agent, Site } from '../../../shared/model';
import type { ClientStore } from '../../bridge/store';
import type { Translator } from '../../i18n/translate';
import { msText, pctText } from '../../lib/units';
import { networkFacts } from '../agents/report';
import { TextReport } from '../../lib/report';

/**
 * The agents behind a site: the same public IP, and keys under the site's own prefix — its key
 * without the IP: `wv:` for a Wolkvox site, `team:wv:` for one mirrored from another collector, whose
 * other remote sources' agents share the source `team` but not the prefix.
 */
export function atSite(a: Agent, s: Site): boolean {
  if (a.network?.ip !== s.ip) return false;
  const prefix = s.key.endsWith(s.ip) ? s.key.slice(0, s.key.length - s.ip.length) : `${s.sourceId}:`;
  return a.sourceId === s.sourceId && a.key.startsWith(prefix);
}

export function siteReport(s: Site, store: ClientStore, tr: Translator): string {
  const { t } = tr;
  const report = new TextReport(t)
    .fact(t('network.ip'), s.ip)
    .fact(t('col.source'), store.sources.get(s.sourceId)?.name ?? s.sourceId)
    .fact(t('overview.agents'), s.agents === null ? null : tr.n(s.agents))
    .fact(t('network.avgLatency'), msText(tr, s.avgLatencyMs))
    .fact(t('network.maxLatency'), msText(tr, s.maxLatencyMs))
    .fact(t('network.minLatency'), msText(tr, s.minLatencyMs))
    .fact(t('col.rejection'), pctText(tr, s.rejectionPct));
  const here = [...store.agents.values()]
    .filter((a) => atSite(a, s))
    .sort((a, b) => (b.network?.latencyMs ?? -1) - (a.network?.latencyMs ?? -1) || a.name.localeCompare(b.name));
  if (here.length) {
    report.line(t('label.colon', { label: t('network.siteAgents') }));
    for (const a of here) {
      const measures = networkFacts(a.network!, tr)
        .filter(([, v]) => v)
        .map(([label, v]) => `${label} ${v}`);
      report.line(`- ${a.name}${measures.length ? ` — ${measures.join(' · ')}` : ''}`);
    }
  }
  return report.toString();
}

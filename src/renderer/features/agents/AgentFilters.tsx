/** Filter bar of the agents table: source, state, queue and a free-text search. */
import { AGENT_STATES, type Queue, type Source } from '../../../shared/model';
import { useI18n } from '../../i18n/context';
import { SourceSelect } from '../../components/SourceSelect';
import type { AgentFilter } from './rows';

export function AgentFilters({
  filter,
  onChange,
  sources,
  queues,
  shown,
  total,
}: {
  filter: AgentFilter;
  onChange: (f: AgentFilter) => void;
  sources: Source[];
  queues: Queue[];
  shown: number;
  total: number;
}) {
  const { t } = useI18n();
  return (
    <div className="filters" role="search">
      <label>
        {t('filter.search')}
        <input type="search" value={filter.search} onChange={(e) => onChange({ ...filter, search: e.target.value })} placeholder={t('agents.searchHint')} />
      </label>
      <SourceSelect value={filter.source} sources={sources} onChange={(source) => onChange({ ...filter, source })} />
      <label>
        {t('filter.state')}
        <select value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value as AgentFilter['state'] })}>
          <option value="">{t('filter.all')}</option>
          {AGENT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filter.queue')}
        <select value={filter.queue} onChange={(e) => onChange({ ...filter, queue: e.target.value })}>
          <option value="">{t('filter.allQueues')}</option>
          {filter.queue !== '' && !queues.some((q) => q.key === filter.queue) && <option value={filter.queue}>{t('filter.notFound', { id: filter.queue })}</option>}
          {queues.map((q) => (
            <option key={q.key} value={q.key}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <output className="muted" aria-live="polite">
        {t('agents.shown', { shown, count: total })}
      </output>
    </div>
  );
}

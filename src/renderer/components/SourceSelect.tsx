/**
 * The "Source" filter of a view: every source by name, or all of them (""). A source the address
 * names that is not configured (a bookmark to a removed one) is shown as such, so the filter can be
 * seen and undone. The sources are listed by name in every view, whatever order they come in.
 */
import { useMemo } from 'react';
import type { Source } from '../../shared/model';
import { useI18n } from '../i18n/context';

export function SourceSelect({ value, sources, onChange }: { value: string; sources: readonly Source[]; onChange: (sourceId: string) => void }) {
  const { t } = useI18n();
  const byName = useMemo(() => [...sources].sort((a, b) => a.name.localeCompare(b.name)), [sources]);
  return (
    <label>
      {t('filter.source')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.allSources')}</option>
        {value !== '' && !sources.some((s) => s.id === value) && <option value={value}>{t('filter.notFound', { id: value })}</option>}
        {byName.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

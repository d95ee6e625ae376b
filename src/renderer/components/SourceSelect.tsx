/** The "Source" filter of a view: every source by name, or all of them (""). */
import type { Source } from '../../shared/model';
import { useI18n } from '../i18n/context';

export function SourceSelect({ value, sources, onChange }: { value: string; sources: readonly Source[]; onChange: (sourceId: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('filter.source')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filter.all')}</option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What someone editing the settings should know about where they are kept: a collector without a
 * configuration file forgets them when it stops; a configuration file with fields that are not
 * settings has them ignored (kept in the file, listed here as the collector logged them).
 */
import { useI18n } from '../../i18n/context';
import type { SettingsView } from '../../../shared/bridge';

export function HostNotes({ view }: { view: SettingsView | null }) {
  const { t } = useI18n();
  if (!view || view.host !== 'collector') return null;
  const notes = view.configNotes ?? [];
  return (
    <>
      {view.editable && view.secretStorage === 'env' && <p className="notice">{t('settings.noFile')}</p>}
      {notes.length > 0 && (
        <div className="notice">
          <p>{t('settings.configNotes', { count: notes.length })}</p>
          <ul lang="en">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

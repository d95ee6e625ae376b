/**
 * What someone editing the settings should know about where they are kept: a collector without a
 * configuration file forgets them when it stops; a configuration file with fields that are not
 * settings has them ignored (kept in the file, listed here as the collector logged them); the tray
 * app's settings that could not be read when it started were left out or reset (listed as logged).
 */
import { useI18n } from '../../i18n/context';
import type { SettingsView } from '../../../shared/bridge';

export function HostNotes({ view }: { view: SettingsView | null }) {
  const { t } = useI18n();
  if (!view) return null;
  const notes = view.configNotes ?? [];
  // The tray app: what could not be read of its settings when it started (left out or reset).
  if (view.host !== 'collector') {
    if (!notes.length) return null;
    return (
      <div className="notice" role="status">
        <p>{t('settings.loadNotes', { count: notes.length })}</p>
        <ul lang="en">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </div>
    );
  }
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

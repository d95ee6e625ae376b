/**
 * What someone editing the settings should know about where they are kept: a collector without a
 * configuration file forgets them when it stops; a configuration file with fields that are not
 * settings has them ignored (kept in the file, listed here as the collector logged them); the tray
 * app's settings that could not be read when it started were left out or reset (listed as logged).
 */
import { useI18n } from '../../i18n/context';
import type { SettingsView } from '../../../shared/bridge';

/** A notice: what it is about, then the host's own lines (in English, as it logged them). */
function NoteList({ heading, notes, status = false }: { heading: string; notes: readonly string[]; status?: boolean }) {
  return (
    <div className="notice" role={status ? 'status' : undefined}>
      <p>{heading}</p>
      <ul lang="en">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

export function HostNotes({ view }: { view: SettingsView | null }) {
  const { t } = useI18n();
  if (!view) return null;
  const notes = view.configNotes ?? [];
  // The tray app: what could not be read of its settings when it started (left out or reset).
  if (view.host !== 'collector') return notes.length ? <NoteList heading={t('settings.loadNotes', { count: notes.length })} notes={notes} status /> : null;
  return (
    <>
      {view.editable && view.secretStorage === 'env' && <p className="notice">{t('settings.noFile')}</p>}
      {notes.length > 0 && <NoteList heading={t('settings.configNotes', { count: notes.length })} notes={notes} />}
    </>
  );
}

/** Configured sources with their live status, and the forms to add, edit, test and remove them. */
import { useState } from 'react';
import type { SourceConfigView } from '../../../shared/sources';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { useStartDemo } from '../../app/use-start-demo';
import { ViewHeader } from '../../components/ViewHeader';
import { HostNotes } from '../settings/HostNotes';
import { FORM_VENDORS, type Vendor } from './fields';
import { SourceForm } from './SourceForm';
import { SourceList } from './SourceList';
import { errorText } from '../../i18n/error-text';

/** `opened`: counts the form's fresh starts (from the source as saved now), so that each is a new form. */
type Editing = { vendor: Vendor; existing?: SourceConfigView; opened?: number } | null;

export function SourcesView() {
  const { t } = useI18n();
  const settings = useSettings();
  const [editing, setEditing] = useState<Editing>(null);
  const [vendor, setVendor] = useState<Vendor>('wolkvox');
  /** The source just saved: said near the form, and its card brought into view. */
  const [saved, setSaved] = useState<{ id: string; name: string; added: boolean } | null>(null);
  const { start: demo, busy, error, setError, notice } = useStartDemo();
  const view = settings.view;
  const editable = view?.editable ?? false;

  return (
    <>
      <ViewHeader title={t('nav.sources')}>
        <button type="button" onClick={demo} disabled={!editable || busy}>
          {t('sources.addDemo')}
        </button>
      </ViewHeader>
      {settings.error && (
        <p className="error" role="alert">
          {t('settings.loadFailed', { error: errorText(settings.error, t) })}
        </p>
      )}
      {view && !editable && <p className="notice">{t('settings.readOnly')}</p>}
      <HostNotes view={view} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {saved && !editing && (
        <p className="notice" role="status">
          {t(saved.added ? 'sources.added' : 'sources.saved', { name: saved.name })}
        </p>
      )}
      {editing ? (
        <SourceForm
          key={`${editing.existing?.id ?? `new-${editing.vendor}`}#${editing.opened ?? 0}`}
          vendor={editing.vendor}
          existing={editing.existing}
          onRestart={(stored) => setEditing({ vendor: stored.vendor, existing: stored, opened: (editing.opened ?? 0) + 1 })}
          onDone={(done) => {
            setEditing(null);
            setSaved(done ?? null);
          }}
        />
      ) : (
        <div className="add-source">
          <label>
            {t('sources.vendor')}
            <select value={vendor} onChange={(e) => setVendor(e.target.value as Vendor)} disabled={!editable}>
              {FORM_VENDORS.map((v) => (
                <option key={v} value={v}>
                  {t(`vendor.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setSaved(null);
              setEditing({ vendor });
            }}
            disabled={!editable}
          >
            {t('sources.add')}
          </button>
        </div>
      )}
      {view && <SourceList sources={view.sources} editable={editable} highlight={saved?.id ?? null} onEdit={(s) => setEditing({ vendor: s.vendor, existing: s })} onError={setError} />}
    </>
  );
}

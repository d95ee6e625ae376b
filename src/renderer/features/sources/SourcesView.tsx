/** Configured sources with their live status, and the forms to add, edit, test and remove them. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEMO_SOURCE_IDS, type SourceConfigView } from '../../../shared/sources';
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
  const addButton = useRef<HTMLButtonElement>(null);
  // "Add demo sources" adds those missing by id: with all of them here it has nothing to add.
  const demoHere = !!view && DEMO_SOURCE_IDS.every((id) => view.sources.some((s) => s.id === id));
  /**
   * A form closed without saving, or the demo button gone with the focus: where the focus goes once the
   * page is drawn without them, when it was lost with them (the form's own hook gives it back to a
   * button that opened it and is still there).
   */
  const [refocus, setRefocus] = useState<{ source?: string; n: number } | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const card = refocus.source !== undefined ? document.querySelector<HTMLElement>(`.source-list [data-source-id="${refocus.source}"] [data-action="edit"]`) : null;
    (card ?? addButton.current)?.focus();
  }, [refocus]);
  // The demo button goes once the demo sources are all here: taken away with the focus, it passes it on.
  const demoButton = useRef<HTMLButtonElement | null>(null);
  const demoRef = useCallback((node: HTMLButtonElement | null) => {
    const old = demoButton.current;
    demoButton.current = node;
    if (!node && old && old === document.activeElement) setRefocus((cur) => ({ n: (cur?.n ?? 0) + 1 }));
  }, []);

  return (
    <>
      <ViewHeader title={t('nav.sources')}>
        {!demoHere && (
          // Not disabled while it runs: a disabled button would lose the focus, with the answer still to come.
          <button type="button" className="add-demo" ref={demoRef} onClick={() => void (busy || demo())} disabled={!editable} aria-disabled={busy || undefined}>
            {t('sources.addDemo')}
          </button>
        )}
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
            // Saved, the source's card takes the focus; cancelled, the button it was opened from (drawn again).
            if (!done) setRefocus((cur) => ({ source: editing.existing?.id, n: (cur?.n ?? 0) + 1 }));
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
            ref={addButton}
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
      {view && (
        <SourceList
          sources={view.sources}
          editable={editable}
          highlight={saved?.id ?? null}
          onEdit={(s) => setEditing({ vendor: s.vendor, existing: s })}
          onError={setError}
          onNoneLeft={() => setRefocus((cur) => ({ n: (cur?.n ?? 0) + 1 }))}
        />
      )}
    </>
  );
}

/** Save button with progress and the host's answer (saved / why not). */
import { useRef, useState } from 'react';
import { useFocusHandOver } from '../../components/useFocusHandOver';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import type { Draft } from './draft';

export interface Saver {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  error: string | null;
  run(fn: () => Promise<void>): Promise<void>;
}

export function useSaver(): Saver {
  const { t } = useI18n();
  const [state, setState] = useState<Saver['state']>('idle');
  const [error, setError] = useState<string | null>(null);
  return {
    state,
    error,
    async run(fn) {
      setState('saving');
      try {
        await fn();
        setState('saved');
        setError(null);
      } catch (e) {
        setState('failed');
        setError(errorText(e, t));
      }
    },
  };
}

export function SaveBar({
  saver,
  editable,
  draft,
  invalid,
  onReset,
  resetLabel,
}: {
  saver: Saver;
  editable: boolean;
  /**
   * The section's draft: changes not saved yet are said beside Save (and "Saved" no longer); a draft
   * the saved values changed under says so, with the way back to them.
   */
  draft?: Pick<Draft<unknown>, 'dirty' | 'overtaken' | 'discard'>;
  invalid?: boolean;
  onReset?: () => void;
  resetLabel?: string;
}) {
  const { t } = useI18n();
  const save = useRef<HTMLButtonElement>(null);
  // "Show the saved values" goes away once it did its work: the focus goes on to Save.
  const handOver = useFocusHandOver({ save });
  const dirty = draft?.dirty ?? false;
  const overtaken = (draft?.overtaken ?? false) && editable && saver.state !== 'saving';
  return (
    <div className="form-actions">
      <button type="submit" className="primary" ref={save} disabled={!editable || saver.state === 'saving' || invalid}>
        {saver.state === 'saving' ? t('action.saving') : t('action.save')}
      </button>
      {onReset && (
        <button type="button" onClick={onReset} disabled={!editable}>
          {resetLabel}
        </button>
      )}
      {overtaken && (
        <button
          type="button"
          onClick={() => {
            draft?.discard();
            handOver('save');
          }}
        >
          {t('settings.showSaved')}
        </button>
      )}
      <span aria-live="polite">
        {overtaken && saver.state !== 'failed' && <span className="unsaved overtaken">{t('settings.overtaken')}</span>}
        {!overtaken && dirty && editable && saver.state !== 'saving' && saver.state !== 'failed' && <span className="unsaved">{t('settings.unsaved')}</span>}
        {saver.state === 'saved' && !dirty && <span className="ok">{t('action.saved')}</span>}
        {saver.state === 'failed' && (
          <span className="error" role="alert">
            {saver.error}
          </span>
        )}
      </span>
    </div>
  );
}

/** Save button with progress and the host's answer (saved / why not). */
import { useState } from 'react';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';

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
  dirty = false,
  invalid,
  onReset,
  resetLabel,
}: {
  saver: Saver;
  editable: boolean;
  /** The section holds changes not saved yet: said beside Save (and "Saved" no longer). */
  dirty?: boolean;
  invalid?: boolean;
  onReset?: () => void;
  resetLabel?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={!editable || saver.state === 'saving' || invalid}>
        {saver.state === 'saving' ? t('action.saving') : t('action.save')}
      </button>
      {onReset && (
        <button type="button" onClick={onReset} disabled={!editable}>
          {resetLabel}
        </button>
      )}
      <span aria-live="polite">
        {dirty && editable && saver.state !== 'saving' && saver.state !== 'failed' && <span className="unsaved">{t('settings.unsaved')}</span>}
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

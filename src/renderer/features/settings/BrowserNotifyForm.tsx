/**
 * Browser mode: whether this browser shows the collector's notifications. Each browser decides for
 * itself (a wallboard does not want them, a lead's laptop does); the browser asks its own permission.
 */
import { useState } from 'react';
import { useI18n } from '../../i18n/context';
import { browserNotifyState, setBrowserNotify, type BrowserNotifyState } from '../../app/browser-notify';

export function BrowserNotifyForm() {
  const { t } = useI18n();
  const [state, setState] = useState<BrowserNotifyState>(() => browserNotifyState());
  const [busy, setBusy] = useState(false);
  const toggle = async (on: boolean) => {
    setBusy(true);
    try {
      setState(await setBrowserNotify(on));
    } finally {
      setBusy(false);
    }
  };
  const note = state === 'unsupported' ? t('browserNotify.unsupported') : state === 'denied' ? t('browserNotify.denied') : t('browserNotify.help');
  return (
    <section aria-labelledby="browser-notify-title" className="settings-section">
      <h3 id="browser-notify-title">{t('browserNotify.title')}</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={state === 'on'}
          disabled={busy || state === 'unsupported' || state === 'denied'}
          aria-describedby="browser-notify-note"
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        {t('browserNotify.show')}
      </label>
      <p id="browser-notify-note" className={state === 'denied' || state === 'unsupported' ? 'notice' : 'muted small'}>
        {note}
      </p>
    </section>
  );
}

/**
 * Copies a text to the clipboard (an alert or an agent as words to paste into a message or a ticket)
 * and says "Copied" for a moment; when the browser refuses, says how to copy it by hand.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/context';
import { copyText } from '../lib/clipboard';

const SHOWN_MS = 2500;

export function CopyButton({ text, hint, onError }: { text: () => string; hint: string; onError: (m: string | null) => void }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(false), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [done]);
  const run = async () => {
    const ok = await copyText(text());
    setDone(ok);
    onError(ok ? null : t('action.copyFailed'));
  };
  return (
    <button type="button" onClick={() => void run()} title={hint}>
      <span aria-live="polite">{done ? t('action.copied') : t('action.copy')}</span>
    </button>
  );
}

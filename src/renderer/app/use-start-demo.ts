/**
 * Adds the demo sources (the host's `sources:demo`): the action, whether it is running, the error
 * shown beside it (which a view may also set for its other actions; a successful start clears it),
 * and a notice when there was nothing to add (the demo sources are all there already).
 */
import { useState } from 'react';
import { useClient } from '../bridge/react';
import { useSettings } from './settings';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

export function useStartDemo(): { start: () => Promise<void>; busy: boolean; error: string | null; setError: (error: string | null) => void; notice: string | null } {
  const client = useClient();
  const settings = useSettings();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setNotice(null);
    const before = new Set(settings.view?.sources.map((s) => s.id) ?? []);
    try {
      const next = await client.invoke('sources:demo', undefined);
      settings.set(next);
      setError(null);
      if (settings.view && next.sources.every((s) => before.has(s.id))) setNotice(t('sources.demoAlready'));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { start, busy, error, setError, notice };
}

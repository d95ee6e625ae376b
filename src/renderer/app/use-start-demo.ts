/**
 * Adds the demo sources (the host's `sources:demo`): the action, whether it is running, and the error
 * shown beside it (which a view may also set for its other actions; a successful start clears it).
 */
import { useState } from 'react';
import { useClient } from '../bridge/react';
import { useSettings } from './settings';
import { useI18n } from '../i18n/context';
import { errorText } from '../i18n/error-text';

export function useStartDemo(): { start: () => Promise<void>; busy: boolean; error: string | null; setError: (error: string | null) => void } {
  const client = useClient();
  const settings = useSettings();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    try {
      settings.set(await client.invoke('sources:demo', undefined));
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { start, busy, error, setError };
}

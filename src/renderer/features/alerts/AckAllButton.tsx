/**
 * "Acknowledge all": every firing alert the list shows (the source filter applies) that is not yet
 * acknowledged, in one command — a site going down raises one alert per agent.
 */
import { useState } from 'react';
import type { Alert } from '../../../shared/model';
import { MAX_ACK_MANY } from '../../../shared/bridge';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';

export function AckAllButton({ alerts, onError }: { alerts: readonly Alert[]; onError: (m: string | null) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const unacked = alerts.filter((a) => a.state === 'firing' && !a.acknowledged);
  if (unacked.length < 2) return null;
  const run = async () => {
    setBusy(true);
    try {
      for (let i = 0; i < unacked.length; i += MAX_ACK_MANY) {
        const ids = unacked.slice(i, i + MAX_ACK_MANY).map((a) => a.id);
        client.store.upsertLocal('alerts', await client.invoke('alerts:ack-many', { ids }));
      }
      onError(null);
    } catch (e) {
      onError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="list-actions">
      <button type="button" onClick={() => void run()} disabled={busy} title={t('alerts.ackAllHint')}>
        {t('alerts.ackAll', { count: unacked.length })}
      </button>
    </div>
  );
}

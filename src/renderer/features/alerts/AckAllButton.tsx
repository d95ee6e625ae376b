/**
 * "Acknowledge all": every firing alert the list shows (the source filter applies) that is not yet
 * acknowledged, in one command — a site going down raises one alert per agent. Undo then takes back
 * what it acknowledged, all at once.
 */
import { useRef, useState } from 'react';
import type { Alert } from '../../../shared/model';
import { MAX_ACK_MANY } from '../../../shared/bridge';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { useFocusHandOver } from '../../components/useFocusHandOver';

export function AckAllButton({ alerts, onError }: { alerts: readonly Alert[]; onError: (m: string | null) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  /** What the last "Acknowledge all" acknowledged: one Undo takes it all back (a click on the wrong filter). */
  const [done, setDone] = useState<readonly string[]>([]);
  // The button pressed goes away: the focus goes to the one that takes its place.
  const buttons = { ack: useRef<HTMLButtonElement>(null), undo: useRef<HTMLButtonElement>(null) };
  const setFocusTo = useFocusHandOver(buttons);
  const unacked = alerts.filter((a) => a.state === 'firing' && !a.acknowledged);
  const undoable = done.filter((id) => alerts.some((a) => a.id === id && a.state === 'firing' && a.acknowledged));
  if (unacked.length < 2 && !undoable.length) return null;
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      onError(null);
    } catch (e) {
      onError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const ackAll = () =>
    act(async () => {
      const acked: string[] = [];
      for (let i = 0; i < unacked.length; i += MAX_ACK_MANY) {
        const answered = await client.invoke('alerts:ack-many', { ids: unacked.slice(i, i + MAX_ACK_MANY).map((a) => a.id) });
        client.store.upsertLocal('alerts', answered);
        acked.push(...answered.map((a) => a.id));
      }
      setDone(acked);
      setFocusTo('undo');
    });
  const undo = () =>
    act(async () => {
      const back = await Promise.all(undoable.map((id) => client.invoke('alerts:unack', { id })));
      client.store.upsertLocal('alerts', back.filter((a): a is Alert => a !== null));
      setDone([]);
      setFocusTo('ack');
    });
  return (
    <div className="list-actions">
      {unacked.length >= 2 && (
        <button type="button" ref={buttons.ack} onClick={() => void ackAll()} disabled={busy} title={t('alerts.ackAllHint')}>
          {t('alerts.ackAll', { count: unacked.length })}
        </button>
      )}
      {undoable.length > 0 && (
        <span role="status">
          {t('alerts.ackedAll', { count: undoable.length })}{' '}
          <button type="button" ref={buttons.undo} onClick={() => void undo()} disabled={busy} title={t('alerts.unackAllHint')}>
            {t('alerts.unack')}
          </button>
        </span>
      )}
    </div>
  );
}

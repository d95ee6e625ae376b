/**
 * Acknowledge and snooze (15 min, 1 h, 4 h, until recovered) for one alert, in two groups — the
 * acknowledgement, then the snooze — that the alerts table lays out on one line or one above the other
 * (components.css). A pending alert has not been raised: nothing was notified to acknowledge yet, so it
 * offers the snooze alone (which keeps it quiet should it be raised).
 */
import { useRef, useState } from 'react';
import type { Alert } from '../../../shared/model';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { SNOOZE_UNTIL_RECOVERED } from '../../../shared/rules';
import { errorText } from '../../i18n/error-text';
import { sameLocalDay } from '../../lib/format';
import { useFocusHandOver } from '../../components/useFocusHandOver';

export const SNOOZE_CHOICES: { id: '15m' | '1h' | '4h' | 'recovered'; minutes: number | null }[] = [
  { id: '15m', minutes: 15 },
  { id: '1h', minutes: 60 },
  { id: '4h', minutes: 240 },
  { id: 'recovered', minutes: null },
];


export function AlertActions({ alert, onError }: { alert: Alert; onError: (message: string | null) => void }) {
  const { t, time, dateTime } = useI18n();
  const client = useClient();
  const [choice, setChoice] = useState<(typeof SNOOZE_CHOICES)[number]['id']>('15m');
  const [busy, setBusy] = useState(false);
  // Each button gives the focus to its opposite when it has done its work (Acknowledge → Undo).
  const buttons = { ack: useRef<HTMLButtonElement>(null), unack: useRef<HTMLButtonElement>(null), snooze: useRef<HTMLButtonElement>(null), unsnooze: useRef<HTMLButtonElement>(null) };
  const setFocusTo = useFocusHandOver(buttons);
  const run = async (fn: () => Promise<Alert[]>, then: keyof typeof buttons) => {
    setBusy(true);
    try {
      client.store.upsertLocal('alerts', await fn());
      onError(null);
      setFocusTo(then);
    } catch (e) {
      onError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const ack = () =>
    run(async () => {
      const a = await client.invoke('alerts:ack', { id: alert.id });
      return a ? [a] : [];
    }, 'unack');
  const unack = () =>
    run(async () => {
      const a = await client.invoke('alerts:unack', { id: alert.id });
      return a ? [a] : [];
    }, 'ack');
  const snooze = () => run(() => client.invoke('alerts:snooze', { alertId: alert.id, minutes: SNOOZE_CHOICES.find((c) => c.id === choice)!.minutes }), 'unsnooze');
  const unsnooze = () => run(() => client.invoke('alerts:unsnooze', { alertId: alert.id }), 'snooze');
  if (alert.state === 'resolved') return null;
  const now = client.store.now();
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > now;
  // Snoozes are at most 7 days; anything further means "until recovered".
  const untilRecovered = snoozed && alert.snoozedUntil! >= SNOOZE_UNTIL_RECOVERED;
  // A snooze ending another day than today says which day, its date and time kept together where
  // the badge wraps (the alerts table, below 1600 px).
  const today = snoozed && sameLocalDay(alert.snoozedUntil!, now);
  return (
    <div className="alert-actions">
      {alert.acknowledged ? (
        <span className="acking">
          <span className="badge ack">
            <span className="glyph" aria-hidden="true">
              ✓
            </span>
            {t('alerts.acknowledged')}
          </span>
          <button type="button" ref={buttons.unack} onClick={unack} disabled={busy} title={t('alerts.unackHint')}>
            {t('alerts.unack')}
          </button>
        </span>
      ) : alert.state === 'firing' ? (
        <span className="acking">
          <button type="button" ref={buttons.ack} onClick={ack} disabled={busy}>
            {t('alerts.ack')}
          </button>
        </span>
      ) : null}
      {snoozed ? (
        <span className="snooze">
          <span className="badge snoozed" title={untilRecovered ? undefined : dateTime(alert.snoozedUntil!)}>
            {untilRecovered
              ? t('alerts.snoozedUntilRecovered')
              : today
                ? t('alerts.snoozedUntil', { time: time(alert.snoozedUntil!) })
                : t('alerts.snoozedUntilDate', { date: dateTime(alert.snoozedUntil!).replace(/\s/g, '\u00a0') })}
          </span>
          <button type="button" ref={buttons.unsnooze} onClick={unsnooze} disabled={busy}>
            {t('alerts.unsnooze')}
          </button>
        </span>
      ) : (
        <span className="snooze">
          <label>
            <span className="sr-only">{t('alerts.snoozeFor')}</span>
            <select value={choice} onChange={(e) => setChoice(e.target.value as typeof choice)}>
              {SNOOZE_CHOICES.map((c) => (
                <option key={c.id} value={c.id}>
                  {t(`snooze.${c.id}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" ref={buttons.snooze} onClick={snooze} disabled={busy}>
            {t('alerts.snooze')}
          </button>
        </span>
      )}
    </div>
  );
}

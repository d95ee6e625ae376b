/** Quiet hours: weekly windows when notifications stay silent (critical ones optionally allowed). */
import { useMemo, type FormEvent } from 'react';
import { useDraft } from './draft';
import { weekdayName } from '../../../shared/quiet';
import type { QuietHours } from '../../../shared/settings';
import { localTimeZone } from '../../../shared/zones';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { SaveBar, useSaver } from './SaveBar';
import { FieldErrorText } from '../../components/FieldErrorText';

type Window = NonNullable<QuietHours>['windows'][number];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const NEW_WINDOW: Window = { days: [1, 2, 3, 4, 5], start: '20:00', end: '08:00' };

export function windowError(w: Window): 'days' | 'time' | null {
  if (!w.days.length) return 'days';
  if (!TIME.test(w.start) || !TIME.test(w.end)) return 'time';
  return null;
}

export function QuietHoursForm({ editable }: { editable: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const current = settings.view?.alerts.quietHours ?? null;
  const saver = useSaver();
  // Reset only when the quiet hours themselves changed, not when another section was saved.
  const mine = JSON.stringify(current);
  const draft = useDraft(
    'quiet-hours',
    () => ({ on: current !== null, windows: current?.windows.length ? current.windows : [NEW_WINDOW], allowCritical: current?.allowCritical ?? true }),
    mine,
  );
  const { on, windows, allowCritical } = draft.value;
  const setOn = (v: boolean) => draft.set({ ...draft.value, on: v });
  const setWindows = (v: Window[]) => draft.set({ ...draft.value, windows: v });
  const setAllowCritical = (v: boolean) => draft.set({ ...draft.value, allowCritical: v });
  // Weekday names in the user's language.
  const dayNames = useMemo(() => Array.from({ length: 7 }, (_, d) => weekdayName(d, lang)), [lang]);
  const errors = on ? windows.map(windowError) : [];
  const invalid = errors.some(Boolean) || (on && windows.length === 0);
  const setW = (i: number, patch: Partial<Window>) => setWindows(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    void saver.run(
      draft.saving(async () => settings.set(await client.invoke('settings:update', { alerts: { quietHours: on ? { windows, allowCritical } : null } }))),
    );
  };
  // Quiet hours are the host's clock: say whose, above all when this browser is elsewhere.
  const hostZone = settings.view?.timeZone;
  const here = localTimeZone();
  const zoneNote = !hostZone ? null : hostZone !== here ? t('settings.quietZoneOther', { zone: hostZone }) : t('settings.quietZone', { zone: hostZone });
  return (
    <form onSubmit={submit} aria-labelledby="qh-title" className="settings-section" noValidate>
      <h3 id="qh-title">{t('settings.quietHours')}</h3>
      {zoneNote && <p className="muted small">{zoneNote}</p>}
      <fieldset disabled={!editable}>
        <label className="check">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
          {t('settings.quietOn')}
        </label>
        {on && (
          <>
            {windows.map((w, i) => (
              <fieldset key={i} className="quiet-window">
                <legend>{t('settings.window', { n: i + 1 })}</legend>
                <div
                  className="days"
                  role="group"
                  aria-label={t('settings.days')}
                  aria-describedby={errors[i] === 'days' ? `quiet-window-${i}-err` : undefined}
                >
                  {dayNames.map((name, d) => (
                    <label key={d} className="check">
                      <input
                        type="checkbox"
                        checked={w.days.includes(d)}
                        onChange={(e) => setW(i, { days: e.target.checked ? [...w.days, d].sort() : w.days.filter((x) => x !== d) })}
                      />
                      {name}
                    </label>
                  ))}
                </div>
                <label>
                  {t('settings.from')}
                  <input
                    type="time"
                    value={w.start}
                    onChange={(e) => setW(i, { start: e.target.value })}
                    aria-invalid={errors[i] === 'time' || undefined}
                    aria-describedby={errors[i] === 'time' ? `quiet-window-${i}-err` : undefined}
                  />
                </label>
                <label>
                  {t('settings.to')}
                  <input
                    type="time"
                    value={w.end}
                    onChange={(e) => setW(i, { end: e.target.value })}
                    aria-invalid={errors[i] === 'time' || undefined}
                    aria-describedby={errors[i] === 'time' ? `quiet-window-${i}-err` : undefined}
                  />
                </label>
                <button type="button" onClick={() => setWindows(windows.filter((_, j) => j !== i))}>
                  {t('action.remove')}
                </button>
                {errors[i] && (
                  <FieldErrorText id={`quiet-window-${i}-err`} block>
                    {t(`settings.windowError.${errors[i]}`)}
                  </FieldErrorText>
                )}
              </fieldset>
            ))}
            <button type="button" onClick={() => setWindows([...windows, NEW_WINDOW])}>
              {t('settings.addWindow')}
            </button>
            <label className="check">
              <input type="checkbox" checked={allowCritical} onChange={(e) => setAllowCritical(e.target.checked)} />
              {t('settings.allowCritical')}
            </label>
          </>
        )}
      </fieldset>
      <SaveBar saver={saver} editable={editable} draft={draft} invalid={invalid} />
    </form>
  );
}

/**
 * Sound per severity, how often the same alert may notify again, which raises are notified together,
 * and how long an acknowledgement lasts.
 */
import { type FormEvent } from 'react';
import { useDraft } from './draft';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { SaveBar, useSaver } from './SaveBar';
import { decimalText, readDecimal, ungrouped } from '../../lib/decimal';
import type { AlertSettings, Language } from '../../../shared/settings';
import { FieldErrorText } from '../../components/FieldErrorText';

interface Boxes {
  cooldown: string;
  group: string;
  ackHours: string;
}

const boxesOf = (a: AlertSettings | undefined, lang: Language): Boxes => ({
  cooldown: decimalText(a?.cooldownMin ?? 15, lang),
  group: decimalText(a?.groupWindowSec ?? 10, lang),
  ackHours: a?.ackExpiryHours ? decimalText(a.ackExpiryHours, lang) : '',
});

/**
 * The boxes as settings, or which box is wrong: minutes and seconds are numbers ≥ 0 (0: every alert
 * notifies at once, alone); the acknowledgement's hours a number > 0, or empty for "until it clears".
 */
export function notificationValues(b: Boxes, lang: Language): { ok: true; value: Pick<AlertSettings, 'cooldownMin' | 'groupWindowSec' | 'ackExpiryHours'> } | { ok: false; bad: (keyof Boxes)[] } {
  const cooldownMin = readDecimal(b.cooldown, lang);
  const groupWindowSec = readDecimal(b.group, lang);
  const ackExpiryHours = b.ackHours.trim() === '' ? null : readDecimal(b.ackHours, lang);
  const bad: (keyof Boxes)[] = [];
  if (!Number.isFinite(cooldownMin) || cooldownMin < 0) bad.push('cooldown');
  if (!Number.isFinite(groupWindowSec) || groupWindowSec < 0 || groupWindowSec > 3600) bad.push('group');
  if (ackExpiryHours !== null && (!Number.isFinite(ackExpiryHours) || ackExpiryHours <= 0)) bad.push('ackHours');
  return bad.length ? { ok: false, bad } : { ok: true, value: { cooldownMin, groupWindowSec, ackExpiryHours } };
}

export function NotificationsForm({ editable }: { editable: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const a = settings.view?.alerts;
  const saver = useSaver();
  // Reset from the settings only when this section's values changed: saving another section (which
  // brings new settings objects) must not throw away what is being typed here.
  const mine = a ? JSON.stringify([a.sound, a.cooldownMin, a.groupWindowSec, a.ackExpiryHours]) : '';
  const draft = useDraft('notifications', () => ({ warning: a?.sound.warning ?? false, critical: a?.sound.critical ?? true, boxes: boxesOf(a, lang) }), mine, lang);
  const { warning, critical, boxes } = draft.value;
  const setWarning = (v: boolean) => draft.set({ ...draft.value, warning: v });
  const setCritical = (v: boolean) => draft.set({ ...draft.value, critical: v });
  const setBoxes = (v: Boxes) => draft.set({ ...draft.value, boxes: v });
  const values = notificationValues(boxes, lang);
  const bad = values.ok ? [] : values.bad;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!values.ok) return;
    void saver.run(draft.saving(async () => settings.set(await client.invoke('settings:update', { alerts: { sound: { warning, critical }, ...values.value } }))));
  };
  // A number typed with a thousands separator is said to be one ("Write 1500…"), not "not a number".
  const errorOf = (field: keyof Boxes, error: string) => {
    const plain = ungrouped(boxes[field], lang);
    return plain === null ? error : t('settings.groupingError', { plain, typed: boxes[field].trim() });
  };
  const box = (field: keyof Boxes, label: string, error: string) => {
    const invalid = bad.includes(field);
    // The error right under its box, marked as the source forms mark theirs.
    return (
      <div className="form-box">
        <label>
          {label}
          <input
            className="short"
            inputMode="decimal"
            value={boxes[field]}
            onChange={(e) => setBoxes({ ...boxes, [field]: e.target.value })}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${field}-err` : undefined}
          />
        </label>
        {invalid && (
          <FieldErrorText id={`${field}-err`}>{errorOf(field, error)}</FieldErrorText>
        )}
      </div>
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="nt-title" className="settings-section" noValidate>
      <h3 id="nt-title">{t('settings.notifications')}</h3>
      <fieldset disabled={!editable}>
        <label className="check">
          <input type="checkbox" checked={critical} onChange={(e) => setCritical(e.target.checked)} />
          {t('settings.soundCritical')}
        </label>
        <label className="check">
          <input type="checkbox" checked={warning} onChange={(e) => setWarning(e.target.checked)} />
          {t('settings.soundWarning')}
        </label>
        {box('cooldown', t('settings.cooldown'), t('settings.cooldownError'))}
        {box('group', t('settings.groupWindow'), t('settings.groupWindowError'))}
        {box('ackHours', t('settings.ackExpiry'), t('settings.ackExpiryError'))}
        <p className="muted small">{t('settings.notificationsHelp')}</p>
      </fieldset>
      <SaveBar saver={saver} editable={editable} draft={draft} invalid={!values.ok} />
    </form>
  );
}

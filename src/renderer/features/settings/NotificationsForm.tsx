/** Sound per severity and how often the same alert may notify again. */
import { useEffect, useState, type FormEvent } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { SaveBar, useSaver } from './SaveBar';
import { decimalText, readDecimal } from '../../lib/decimal';

export function NotificationsForm({ editable }: { editable: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const a = settings.view?.alerts;
  const [warning, setWarning] = useState(a?.sound.warning ?? false);
  const [critical, setCritical] = useState(a?.sound.critical ?? true);
  const [cooldown, setCooldown] = useState(decimalText(a?.cooldownMin ?? 15, lang));
  const saver = useSaver();
  useEffect(() => {
    setWarning(a?.sound.warning ?? false);
    setCritical(a?.sound.critical ?? true);
    setCooldown(decimalText(a?.cooldownMin ?? 15, lang));
  }, [a, lang]);
  const cd = readDecimal(cooldown, lang);
  const invalid = !Number.isFinite(cd) || cd < 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    void saver.run(async () => settings.set(await client.invoke('settings:update', { alerts: { sound: { warning, critical }, cooldownMin: cd } })));
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
        <label>
          {t('settings.cooldown')}
          <input className="short" inputMode="decimal" value={cooldown} onChange={(e) => setCooldown(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? 'cooldown-err' : undefined} />
        </label>
        {invalid && (
          <p className="field-error" id="cooldown-err">
            {t('form.error.number')}
          </p>
        )}
      </fieldset>
      <SaveBar saver={saver} editable={editable} invalid={invalid} />
    </form>
  );
}

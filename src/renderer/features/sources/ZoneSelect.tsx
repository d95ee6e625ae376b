/**
 * A time zone picker: every IANA zone the browser knows, each with its offset now ("America/Bogota
 * (UTC−5)", written the reader's way), after the empty choice — the zone of the computer the monitor
 * runs on, named. A stored zone the list lacks ("Etc/GMT+5") is offered too, so it is never lost.
 */
import { useMemo } from 'react';
import { useSettings } from '../../app/settings';
import { useI18n } from '../../i18n/context';
import { localTimeZone } from '../../../shared/zones';

interface Props {
  id: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** The last list built: its language and hour, as offsets change with summer time. */
let built: { key: string; list: { zone: string; label: string }[] } | null = null;

/** Zones and their labels in a language, with their offsets now (some 400 formatters: built once an hour at most). */
function zoneOptions(lang: string): { zone: string; label: string }[] {
  const now = Date.now();
  const key = `${lang} ${Math.floor(now / 3_600_000)}`;
  if (built?.key !== key) {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const list = ['UTC', ...zones.filter((z) => z !== 'UTC')].map((zone) => ({ zone, label: `${zone.replace(/_/g, ' ')} (${offsetName(zone, lang, now)})` }));
    built = { key, list };
  }
  return built.list;
}

function offsetName(zone: string, lang: string, now: number): string {
  try {
    return new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

export function ZoneSelect({ value, onChange, ...rest }: Props) {
  const { t, lang } = useI18n();
  const settings = useSettings();
  const host = settings.view?.timeZone ?? localTimeZone();
  const options = useMemo(() => zoneOptions(lang), [lang]);
  const stored = value !== '' && !options.some((o) => o.zone === value);
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('form.zoneHost', { zone: host.replace(/_/g, ' ') })}</option>
      {stored && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.zone} value={o.zone}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

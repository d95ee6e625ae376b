/**
 * Header summary: sources live out of total, critical alerts, quiet hours while they are in force, and
 * the notification pause switch.
 * While the collector is not connected the figures are the last known ones, and say so.
 */
import { useMemo, useState } from 'react';
import { useClient, useConnStatus, useTopic } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { useSettings } from './settings';
import { errorText } from '../i18n/error-text';
import { useSecond } from '../lib/ticker';
import { quietNow, untilText, zonedLocalTime } from '../../shared/quiet';
import type { QuietHours } from '../../shared/settings';
import { localTimeZone } from '../../shared/zones';

/** "Europe/Moscow" → "Moscow", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/**
 * Quiet hours in force now, read in the host's time zone (where notifications are decided), and
 * until when. Checked every second while quiet hours are set; shown only while they silence something.
 */
function QuietHoursChip({ quietHours, timeZone }: { quietHours: NonNullable<QuietHours>; timeZone: string | undefined }) {
  const { t, lang } = useI18n();
  const minute = Math.floor(useSecond() / 60);
  const state = useMemo(() => {
    const at = zonedLocalTime(minute * 60_000, timeZone);
    const q = quietNow(quietHours, at);
    return q && { ...q, at };
  }, [minute, quietHours, timeZone]);
  if (!state) return null;
  const here = localTimeZone();
  const zone = timeZone ?? here;
  // Read elsewhere than the host (a collector's dashboard in another zone): the time says whose it is.
  const whose = timeZone && timeZone !== here ? ` (${zoneCity(timeZone)})` : '';
  return (
    <a className="badge quiet-hours" href="#/settings" title={t(state.allowCritical ? 'header.quietHintCritical' : 'header.quietHint', { zone })}>
      <span className="glyph" aria-hidden="true">
        ◐
      </span>
      {state.until ? t('header.quiet', { time: `${untilText(state.at, state.until, lang)}${whose}` }) : t('header.quietAlways')}
    </a>
  );
}

export function HeaderStatus() {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const sv = useTopic('sources');
  const av = useTopic('alerts');
  const stale = useConnStatus().state !== 'open';
  const [error, setError] = useState<string | null>(null);
  const counts = useMemo(() => {
    void sv;
    void av;
    // A source switched off is not one that should be live: "4 of 5", not "4 of 6".
    let live = 0;
    let running = 0;
    for (const s of client.store.sources.values()) {
      if (s.status === 'stopped') continue;
      running++;
      if (s.status === 'live') live++;
    }
    let critical = 0;
    for (const a of client.store.alerts.values()) if (a.state === 'firing' && a.severity === 'critical' && !a.suppressed) critical++;
    return { live, total: running, any: client.store.sources.size > 0, critical };
  }, [client, sv, av]);
  const paused = settings.view?.alerts.notificationsPaused ?? false;
  const quietHours = settings.view?.alerts.quietHours ?? null;
  const toggle = async () => {
    try {
      await client.invoke('alerts:pause-notifications', { paused: !paused });
      await settings.reload();
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <div className={stale ? 'header-status stale' : 'header-status'}>
      {counts.any ? (
        <span>
          {!counts.total
            ? t('header.allStopped')
            : stale
              ? t('header.lastKnown', { text: t('header.sourcesLive', { live: counts.live, count: counts.total }) })
              : t('header.sourcesLive', { live: counts.live, count: counts.total })}
        </span>
      ) : (
        <a href="#/sources">{t('header.noSources')}</a>
      )}
      {counts.critical > 0 && (
        <a className="badge sev-critical" href="#/alerts" title={stale ? t('header.lastKnownHint') : undefined}>
          <span className="glyph" aria-hidden="true">
            ✖
          </span>
          {t('header.critical', { count: counts.critical })}
        </a>
      )}
      {quietHours && !paused && <QuietHoursChip quietHours={quietHours} timeZone={settings.view?.timeZone} />}
      {settings.view && (
        <button type="button" aria-pressed={paused} onClick={toggle} className="toggle">
          {paused ? t('header.notificationsPaused') : t('header.pauseNotifications')}
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** One tile of the overview: a source (or the total) with agents by state, queue load and network health. */
import { AGENT_STATES, type Source } from '../../../shared/model';
import { sourceErrorText } from '../../../shared/problems';
import { capitalized } from '../../../shared/i18n';
import { StatusBadge } from '../../components/badges';
import { useI18n } from '../../i18n/context';
import { freshness, longestWaitText, type Summary } from '../../lib/summary';
import { hrefFor } from '../../app/router';

export function SummaryTile({ title, summary, source }: { title: string; summary: Summary; source?: Source }) {
  const { t, n, lang } = useI18n();
  const error = sourceErrorText(lang, source, t);
  const translated = error !== null && error !== source?.lastError;
  const fresh = source ? freshness(source) : 'live';
  // A source that never sent anything has no figures: "–", not zeros a lead would believe.
  const none = !!source && source.lastEventAt === null && summary.agents === 0 && summary.waitingLevel === null;
  const figure = (text: string) => (none ? '–' : text);
  // A total takes the worst level of its queues (summarize): a sum is never held to one queue's threshold.
  const waitLevel = summary.waitingLevel;
  const longestLevel = summary.longestWaitLevel;
  // Each figure opens the view it counts, filtered to this tile's source (the total: every source).
  const scope = { source: source?.id ?? '' };
  const agentsHref = hrefFor('agents', null, scope);
  const queuesHref = hrefFor('queues', null, scope);
  /** A link's accessible name: what the figure counts, then the figure ("Agents: 12"). */
  const said = (label: string, figure: string) => `${t('label.colon', { label })} ${figure}`;
  return (
    <section className={`tile tile-${fresh}`} aria-label={title} data-testid={source ? `tile-${source.id}` : 'tile-total'}>
      <header className="tile-head">
        <h3>{title}</h3>
        {/* The source's state, once: its badge says it in a word and a shape; the tile's border (tile-stale,
            tile-offline) marks its figures as not live. */}
        {source && <StatusBadge status={source.status} />}
      </header>
      {error && (
        // A problem's text continues a sentence ("… is down: …"); on its own it starts with a capital,
        // and the connector's English words are its tooltip.
        <p className="tile-error" title={translated ? (source?.lastError ?? undefined) : undefined}>
          {translated ? capitalized(error) : error}
        </p>
      )}
      <dl className="tile-figures">
        <div>
          <dt>{t('overview.agents')}</dt>
          <dd className="big">
            <a className="tile-link" href={agentsHref} aria-label={said(t('overview.agents'), figure(n(summary.agents)))}>
              {figure(n(summary.agents))}
            </a>
          </dd>
        </div>
        <div className={`lvl-${waitLevel ?? 'ok'}`}>
          <dt>{t('overview.waiting')}</dt>
          <dd className="big">
            <a className="tile-link" href={queuesHref} aria-label={said(t('overview.waiting'), figure(n(summary.waiting)))}>
              {figure(n(summary.waiting))}
            </a>
          </dd>
        </div>
        <div className={`lvl-${longestLevel ?? 'ok'}`}>
          <dt>{t('overview.longestWait')}</dt>
          <dd className="big" title={summary.longestWaitPartial ? t('overview.longestWaitPartial') : undefined}>
            <a className="tile-link" href={queuesHref} aria-label={said(t('overview.longestWait'), figure(longestWaitText(summary)))}>
              {figure(longestWaitText(summary))}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('overview.alertsFiring')}</dt>
          <dd className="big">
            <a
              className="tile-link"
              href={hrefFor('alerts', null, scope)}
              aria-label={said(t('overview.alertsFiring'), `${t('overview.alertsCritical', { count: summary.alerts.critical })}, ${t('overview.alertsWarning', { count: summary.alerts.warning })}`)}
            >
              <span className={summary.alerts.critical ? 'lvl lvl-critical' : 'lvl'}>
                <span className="glyph" aria-hidden="true">
                  ✖
                </span>
                {n(summary.alerts.critical)}
                <span className="sr-only"> {t('level.critical')}</span>
              </span>{' '}
              <span className={`small ${summary.alerts.warning ? 'lvl lvl-warning' : 'lvl muted'}`}>
                <span className="glyph" aria-hidden="true">
                  ▲
                </span>
                {n(summary.alerts.warning)}
                <span className="sr-only"> {t('level.warning')}</span>
              </span>
            </a>
          </dd>
        </div>
      </dl>
      {!none && (
        <ul className="state-counts" aria-label={t('overview.byState')}>
          {AGENT_STATES.filter((s) => summary.byState[s] > 0 || s === 'available' || s === 'on_call' || s === 'paused').map((s) => (
            <li key={s} className={`state-${s}`}>
              <a className="tile-link" href={hrefFor('agents', null, { ...scope, state: s })}>
                <span className="label">{t(`state.${s}`)}</span> <span className="num">{n(summary.byState[s])}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="tile-network">
        {none ? (
          t(source?.status === 'stopped' ? 'overview.switchedOff' : 'overview.noDataYet')
        ) : summary.network.measured === 0 ? (
          t('overview.noNetwork')
        ) : (
          <a className="tile-link" href={hrefFor('network', null, scope)}>
            {t('overview.network', { critical: summary.network.critical, warning: summary.network.warning, count: summary.network.measured })}
          </a>
        )}
      </p>
    </section>
  );
}

/** Each configured source: status (and since when), mode, last event, last error and what to do. */
import { useEffect, useRef, useState } from 'react';
import type { SourceConfigView } from '../../../shared/sources';
import type { Source } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { StatusBadge } from '../../components/badges';
import { Ticking } from '../../components/Ticking';
import { sourceErrorText } from '../../../shared/problems';
import { factLabel, factValue } from './facts';
import { hrefFor } from '../../app/router';
import { errorText } from '../../i18n/error-text';

export function SourceList({
  sources,
  editable,
  highlight = null,
  onEdit,
  onError,
  onNoneLeft,
}: {
  sources: SourceConfigView[];
  editable: boolean;
  /** The id of a source just saved: its card is scrolled into view and takes the focus once. */
  highlight?: string | null;
  onEdit: (s: SourceConfigView) => void;
  onError: (m: string | null) => void;
  /** The last source was removed, with the focus on its confirmation: the view puts the focus elsewhere. */
  onNoneLeft?: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  useTopic('sources');
  const [confirm, setConfirm] = useState<string | null>(null);
  /**
   * The confirmation takes the focus on its Cancel (removing is one more deliberate step); closed, the
   * focus goes back to the card's Remove button, or, the source removed, to the next card (or the one
   * before it) when it was lost with it.
   */
  const list = useRef<HTMLUListElement | null>(null);
  const confirmCancel = useRef<HTMLButtonElement | null>(null);
  const asked = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    if (confirm) {
      asked.current = { id: confirm, index: sources.findIndex((s) => s.id === confirm) };
      confirmCancel.current?.focus();
      return;
    }
    const was = asked.current;
    asked.current = null;
    const active = document.activeElement;
    if (!was || (active && active !== document.body)) return;
    const card = (id: string | undefined) => (id === undefined ? null : list.current?.querySelector<HTMLElement>(`[data-source-id="${id}"]`));
    const still = card(was.id);
    if (still) {
      still.querySelector<HTMLElement>('[data-action="remove"]')?.focus();
      return;
    }
    const next = card((sources[was.index] ?? sources[was.index - 1])?.id);
    if (next) next.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
    else onNoneLeft?.();
    // Only when the confirmation opens or closes: the list changing under it moves no focus.
  }, [confirm]);
  const highlighted = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    const card = highlighted.current;
    if (!highlight || !card) return;
    card.scrollIntoView?.({ block: 'nearest' });
    card.focus({ preventScroll: true });
  }, [highlight]);
  const remove = async (id: string) => {
    try {
      settings.set(await client.invoke('sources:remove', { id }));
      onError(null);
    } catch (e) {
      onError(errorText(e, t));
    } finally {
      setConfirm(null);
    }
  };
  const budget = (id: string) => {
    const b = settings.view?.tokenBudget?.[id];
    if (!b) return null;
    const over = b.quotaPerDay !== null && b.projectedPerDay > b.quotaPerDay;
    return (
      <p className={over ? 'source-error' : 'muted'}>
        {b.quotaPerDay === null
          ? t('sources.tokenUse', { used: b.projectedPerDay })
          : t('sources.tokenUseQuota', { used: b.projectedPerDay, quota: b.quotaPerDay })}
        {over && ` ${t('sources.tokenOver')}`}
      </p>
    );
  };
  if (!sources.length) return <p className="empty">{t('sources.none')}</p>;
  return (
    <ul className="source-list" ref={list}>
      {sources.map((cfg) => {
        const live = client.store.sources.get(cfg.id);
        return (
          <li
            key={cfg.id}
            className={cfg.id === highlight ? 'source-card just-saved' : 'source-card'}
            data-testid={`source-${cfg.id}`}
            data-source-id={cfg.id}
            ref={cfg.id === highlight ? highlighted : undefined}
            tabIndex={cfg.id === highlight ? -1 : undefined}
          >
            <div className="source-head">
              <h3>{cfg.name || cfg.id}</h3>
              <span className="muted">
                {t(`vendor.${cfg.vendor}`)} · {cfg.id}
              </span>
              {live ? <StatusBadge status={live.status} /> : <span className="muted">{t('sources.notRunning')}</span>}
            </div>
            {live && <SourceFacts source={live} />}
            {budget(cfg.id)}
            <div className="source-actions">
              <button type="button" data-action="edit" onClick={() => onEdit(cfg)}>
                {editable ? t('action.edit') : t('action.view')}
              </button>
              <a className="button-link" href={hrefFor('events', null, { source: cfg.id })} aria-label={t('sources.eventsOf', { name: cfg.name || cfg.id })}>
                {t('sources.events')}
              </a>
              {editable &&
                (confirm === cfg.id ? (
                  // Esc answers as Cancel does.
                  <span
                    role="group"
                    aria-label={t('sources.confirmRemove', { name: cfg.name || cfg.id })}
                    onKeyDown={(e) => {
                      if (e.key !== 'Escape' || e.defaultPrevented) return;
                      e.preventDefault();
                      setConfirm(null);
                    }}
                  >
                    {t('sources.confirmRemove', { name: cfg.name || cfg.id })}{' '}
                    <button type="button" className="danger" onClick={() => remove(cfg.id)}>
                      {t('action.remove')}
                    </button>{' '}
                    <button type="button" ref={confirmCancel} onClick={() => setConfirm(null)}>
                      {t('action.cancel')}
                    </button>
                  </span>
                ) : (
                  <button type="button" data-action="remove" onClick={() => setConfirm(cfg.id)}>
                    {t('action.remove')}
                  </button>
                ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function SourceFacts({ source: s }: { source: Source }) {
  const tr = useI18n();
  const { t, n, dateTime, lang } = tr;
  const error = sourceErrorText(lang, s, t);
  const info = s.info ?? {};
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('sources.statusFor')}</dt>
          <dd>{s.statusSince ? <Ticking since={s.statusSince} words /> : '–'}</dd>
        </div>
        {s.mode && (
          <div>
            <dt>{t('sources.mode')}</dt>
            <dd>{factValue(tr, 'mode', s.mode, info)}</dd>
          </div>
        )}
        <div>
          <dt>{t('sources.lastEvent')}</dt>
          <dd>{s.lastEventAt ? dateTime(s.lastEventAt) : t('sources.never')}</dd>
        </div>
        {s.counters && (
          <div>
            <dt>{t('sources.counters')}</dt>
            <dd>{t('sources.countersText', { events: n(s.counters.events), rejected: n(s.counters.rejected), unknown: n(s.counters.unknown) })}</dd>
          </div>
        )}
        {/* A fact without a value (no quota warning, polling not paused) says nothing. */}
        {/* A warning (the Wolkvox quota, its report dates) takes a row of its own, marked as one. */}
        {Object.entries(info).filter(([, v]) => v !== null).map(([k, v]) => (
          <div key={k} className={k.endsWith('Warning') ? 'fact-warning' : undefined}>
            <dt>{factLabel(t, k)}</dt>
            <dd>{factValue(tr, k, v, info)}</dd>
          </div>
        ))}
      </dl>
      {error && (
        <div className="source-error" role={s.status === 'auth_failed' || s.status === 'down' ? 'alert' : undefined}>
          <p>
            <strong>{t('sources.lastError')}:</strong> {error}
          </p>
          {/* The connector's own words (English, with the host and the vendor's answer): for a support request. */}
          {error !== s.lastError && (
            <details>
              <summary>{t('sources.errorDetails')}</summary>
              <p lang="en">{s.lastError}</p>
            </details>
          )}
        </div>
      )}
      {s.status !== 'live' && <p className="advice">{t(`advice.${s.status}`)}</p>}
    </>
  );
}

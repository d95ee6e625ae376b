/**
 * One alert in full, where a notification opens the dashboard (`#/alerts/<id>`): what crossed which
 * threshold, about whom (a link to it), when it started, was raised and ended, its state and the
 * actions on it, what to look at, and the recent trend of the measure when one is kept.
 */
import type { Alert } from '../../../shared/model';
import { sourceErrorText } from '../../../shared/problems';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { SeverityBadge } from '../../components/badges';
import { Facts, type Fact } from '../../components/Facts';
import { Detail, DetailGone } from '../../components/Detail';
import { Ticking } from '../../components/Ticking';
import { MeasureTrend, measureOfRule } from '../../components/MeasureTrend';
import { DETAIL_TTL_MS, useHistory } from '../../lib/history';
import { durationText } from '../../lib/units';
import { alertAdvice, alertReport, alertWhat, formatAlertValue, ruleText, subjectHref, subjectName } from './describe';
import { CopyButton } from '../../components/CopyButton';
import { AlertActions } from './AlertActions';

/** `address`: the id the address names (an alert's, or a history entry's), which the details follow. */
export function AlertDetail({ alert: a, address, onClose, onError }: { alert: Alert | null; address: string; onClose: () => void; onError: (m: string | null) => void }) {
  const tr = useI18n();
  const { t, dateTime, lang } = tr;
  const { store } = useClient();
  const { thresholdsFor } = useSettings();
  useTopic('agents');
  useTopic('queues');
  const measure = a ? measureOfRule(a.metric) : null;
  const entity = a?.subject.kind === 'agent' ? store.agents.get(a.subject.key) : a?.subject.kind === 'queue' ? store.queues.get(a.subject.key) : undefined;
  // Asked again when the measure changes (at most every few seconds).
  const changed = !entity ? null : 'network' in entity ? (entity.network?.sampledAt ?? null) : `${entity.waiting}|${entity.longestWaitSec}`;
  const history = useHistory(measure && entity ? entity.key : null, measure ? [measure] : [], changed, DETAIL_TTL_MS);
  if (!a) return <DetailGone label={t('alerts.detail')} text={t('alerts.gone')} onClose={onClose} />;
  const name = subjectName(a, store);
  const ended = a.state === 'resolved' ? (a.resolvedAt ?? null) : null;
  const facts: Fact[] = [
    [t('col.source'), a.sourceId ? (store.sources.get(a.sourceId)?.name ?? a.sourceId) : null],
    [t('alerts.state'), t(`alerts.state.${a.state}`)],
    [t('alerts.value'), formatAlertValue(a, tr, a.value)],
    [t('alerts.threshold'), formatAlertValue(a, tr, a.threshold)],
    [t('alerts.started'), dateTime(a.since)],
    [t('alerts.raised'), a.firedAt ? dateTime(a.firedAt) : null],
    [t('alerts.endedAt'), ended ? dateTime(ended) : null],
    // After its label, in words: "20 min 36 s", which a clock ("20:36") would leave to be guessed.
    ended ? [t('col.duration'), durationText(tr, (ended - a.since) / 1000)] : [t('col.for'), <Ticking key="for" since={a.since} words />],
    [t('alerts.rule'), ruleText(a, tr)],
  ];
  // A lost feed says why, in the reader's language, while the source is still not back.
  const lost = a.subject.kind === 'source' && a.state !== 'resolved' ? store.sources.get(a.subject.key) : undefined;
  const why = lost ? sourceErrorText(lang, lost, t) : null;
  if (why) facts.splice(1, 0, [t('sources.lastError'), why]);
  const say = alertAdvice(a, store, tr);
  // The thresholds that apply to this agent or queue (its own, where a rule was added for it).
  const th = entity && measure ? thresholdsFor({ kind: a.subject.kind === 'agent' ? 'agent' : 'queue', key: entity.key, sourceId: entity.sourceId, queues: 'queues' in entity ? entity.queues : null }) : null;
  return (
    <Detail
      id="alert-detail-title"
      title={alertWhat(a, tr)}
      showing={address}
      onClose={onClose}
      tools={<CopyButton text={() => alertReport(a, store, tr, store.now())} hint={t('alerts.copyHint')} onError={onError} />}
      before={<SeverityBadge severity={a.severity} />}
      after={
        <a href={subjectHref(a)}>
          {name} <span className="muted small">{t(`subject.${a.subject.kind}`)}</span>
        </a>
      }
    >
      {say && (
        <p className="advice">
          <strong>{t('label.colon', { label: t('alerts.advice') })}</strong> {say}
        </p>
      )}
      <Facts facts={facts} />
      {a.state !== 'resolved' && <AlertActions alert={a} onError={onError} />}
      {measure && th && (
        <div className="trends">
          <MeasureTrend measure={measure} points={history?.[measure]} thresholds={th} />
        </div>
      )}
    </Detail>
  );
}

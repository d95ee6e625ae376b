/** The open alerts (firing or pending) about one agent or queue, newest first, each a link to its details. */
import { useMemo } from 'react';
import type { Subject } from '../../../shared/model';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { hrefFor } from '../../app/router';
import { SeverityBadge } from '../../components/badges';
import { alertWhat } from './describe';

export function SubjectAlerts({ kind, subjectKey }: { kind: Subject['kind']; subjectKey: string }) {
  const tr = useI18n();
  const { store } = useClient();
  const v = useTopic('alerts');
  const alerts = useMemo(() => {
    void v;
    return [...store.alerts.values()].filter((a) => a.subject.kind === kind && a.subject.key === subjectKey && a.state !== 'resolved').sort((a, b) => b.since - a.since);
  }, [store, v, kind, subjectKey]);
  if (!alerts.length) return null;
  return (
    <ul className="detail-alerts" aria-label={tr.t('detail.alerts')}>
      {alerts.map((a) => (
        <li key={a.id}>
          <SeverityBadge severity={a.severity} /> <a href={hrefFor('alerts', a.id)}>{alertWhat(a, tr)}</a>
          {a.state === 'pending' && <span className="muted small"> {tr.t('alerts.pendingNote')}</span>}
        </li>
      ))}
    </ul>
  );
}

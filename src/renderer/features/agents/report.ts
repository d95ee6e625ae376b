/**
 * What the agent details list, as labelled facts, and as lines of text to paste into a message or a
 * ticket (the network team wants the agent's IP and measures; a supervisor, the state and queues).
 */
import type { Agent, Network } from '../../../shared/model';
import type { ClientStore } from '../../bridge/store';
import type { Translator } from '../../i18n/translate';
import { elapsedSec } from '../../lib/format';
import { durationText, msText, pctText } from '../../lib/units';
import { alertWhat } from '../alerts/describe';
import { extraFacts } from './extra';
import { TextReport } from '../../lib/report';
import { shownText } from '../../../shared/unsafe-text';

export type TextFact = readonly [label: string, value: string | null | undefined];

/**
 * The facts of the details panel, in its order; a fact without a value says nothing. The vendor's
 * words (its state word, a pause reason, a number, extra fields) are shown as names are: without
 * control or bidirectional formatting characters, 200 characters at most.
 */
export function agentFacts(a: Agent, store: ClientStore, tr: Translator): TextFact[] {
  const { t, dateTime } = tr;
  const net = a.network;
  const said = (v: string | null | undefined) => (v ? shownText(v) : v);
  return [
    [t('col.source'), store.sources.get(a.sourceId)?.name ?? a.sourceId],
    [t('agents.vendorId'), a.vendorId],
    [t('agents.vendorState'), said(a.vendorState)],
    [t('col.reason'), said(a.pauseReason)],
    [t('agents.callNumber'), said(a.call?.number)],
    [t('col.queue'), a.call?.queueKey ? (store.queues.get(a.call.queueKey)?.name ?? a.call.queueKey) : null],
    [t('agents.queues'), a.queues?.map((k) => store.queues.get(k)?.name ?? k).join(', ')],
    [t('agents.ip'), net?.ip],
    [t('agents.platform'), [net?.platform, net?.connectionType, net?.version].filter(Boolean).map(said).join(' · ') || null],
    [t('agents.sampledAt'), net?.sampledAt ? dateTime(net.sampledAt) : null],
    // A first or last name that only repeats the agent's name (the title) says nothing.
    // An extra field the product has no label for is shown under its own key: a vendor's word as well.
    ...extraFacts(a.extra, tr, a.name).map(([label, value]): TextFact => [shownText(label), said(value)]),
  ];
}

/** "5 ms / 12 ms": a measure each way; null when neither is known. */
function eachWay(tx: string | null, rx: string | null): string | null {
  return tx === null && rx === null ? null : `${tx ?? '–'} / ${rx ?? '–'}`;
}

/** An agent's network measures: latency, jitter and loss each way, rejection. */
export function networkFacts(net: Network, tr: Translator): TextFact[] {
  const { t } = tr;
  return [
    [t('col.latency'), msText(tr, net.latencyMs)],
    [t('col.jitterTxRx'), eachWay(msText(tr, net.txJitterMs), msText(tr, net.rxJitterMs))],
    [t('col.lossTxRx'), eachWay(pctText(tr, net.txLossPct), pctText(tr, net.rxLossPct))],
    [t('col.rejection'), pctText(tr, net.rejectionPct)],
  ];
}

/**
 * The agent as text: name and state (and for how long), the network measures, the facts of the
 * details, then its open alerts. `now`: the host's clock.
 */
export function agentReport(a: Agent, store: ClientStore, tr: Translator, now: number): string {
  const { t } = tr;
  const report = new TextReport(t)
    .line(`${a.name} — ${t(`state.${a.state}`)}`)
    .fact(t('col.timeInState'), durationText(tr, elapsedSec(a.stateSince, now)));
  if (a.call) report.fact(t('agents.onCallFor'), durationText(tr, elapsedSec(a.call.since, now)));
  for (const [label, value] of [...(a.network ? networkFacts(a.network, tr) : []), ...agentFacts(a, store, tr)]) report.fact(label, value);
  const open = [...store.alerts.values()].filter((x) => x.subject.kind === 'agent' && x.subject.key === a.key && x.state !== 'resolved').sort((x, y) => y.since - x.since);
  if (open.length) {
    report.line(t('label.colon', { label: t('detail.alerts') }));
    for (const x of open) {
      const pending = x.state === 'pending' ? ` ${t('alerts.pendingNote')}` : '';
      report.line(`- ${t('label.colon', { label: t(`level.${x.severity}`) })} ${alertWhat(x, tr)}${pending}`);
    }
  }
  return report.toString();
}

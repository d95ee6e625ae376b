/** One row of the agents table; memoized on the agent object, which the store replaces only on change. */
import { memo } from 'react';
import type { Agent } from '../../../shared/model';
import { LevelValue, StateBadge } from '../../components/badges';
import { Ticking } from '../../components/Ticking';
import { useI18n } from '../../i18n/context';
import { worse } from '../../lib/format';
import { levelOf, type Thresholds } from '../../lib/rules';
import { agentQueue } from './rows';
import { AgentSpark } from './AgentSpark';
import { msText, pctText } from '../../lib/units';
import { shownText } from '../../../shared/unsafe-text';

export interface AgentRowProps {
  agent: Agent;
  index: number;
  active: boolean;
  /** Null when the table shows one source only, and so no Source column. */
  sourceName: string | null;
  /** What the Source column shows: the name without the words every source's name shares. */
  sourceLabel: string | null;
  queueName: string | null;
  thresholds: Thresholds;
  onOpen: (key: string) => void;
  onFocusRow: (index: number) => void;
}

export const AgentRow = memo(function AgentRow({ agent: a, index, active, sourceName, sourceLabel, queueName, thresholds: th, onOpen, onFocusRow }: AgentRowProps) {
  const tr = useI18n();
  const net = a.network;
  const jitter = worse(net?.txJitterMs, net?.rxJitterMs);
  const loss = worse(net?.txLossPct, net?.rxLossPct);
  // Cut to their column's width: the whole text on hover. The vendor's words, shown as the live state
  // shows names (no control or bidirectional formatting characters, 200 characters at most).
  const reason = shownText(a.state === 'paused' ? (a.pauseReason ?? '') : (a.call?.number ?? ''));
  const queue = queueName ?? agentQueue(a) ?? '';
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={active ? 0 : -1}
      className={active ? 'row active' : 'row'}
      onClick={() => onOpen(a.key)}
      onFocus={() => onFocusRow(index)}
    >
      <th scope="row" className="name" title={a.name}>
        {a.name}
      </th>
      {sourceName !== null && <td title={sourceName}>{sourceLabel ?? sourceName}</td>}
      <td className="state">
        <StateBadge state={a.state} />
      </td>
      <td className="num">
        <Ticking since={a.stateSince} />
      </td>
      <td className="reason" title={reason || undefined}>
        {reason}
      </td>
      <td title={queue || undefined}>{queue}</td>
      <td className="num">
        <LevelValue level={levelOf(net?.latencyMs, th['agent.latency'])} text={msText(tr, net?.latencyMs)} />
      </td>
      <td className="num">
        <LevelValue level={levelOf(jitter, th['agent.jitter'])} text={msText(tr, jitter)} />
      </td>
      <td className="num">
        <LevelValue level={levelOf(loss, th['agent.loss'])} text={pctText(tr, loss)} />
      </td>
      <td className="num">
        <LevelValue level={levelOf(net?.rejectionPct, th['agent.rejection'])} text={pctText(tr, net?.rejectionPct)} />
      </td>
      <td className="spark-cell">{net ? <AgentSpark agentKey={a.key} sampledAt={net.sampledAt} name={a.name} /> : null}</td>
    </tr>
  );
});

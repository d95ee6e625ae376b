/**
 * What the simulated producer management reports: the two default AXP measure producers with the
 * measures of the seed's examples (types and display names), and builders of realistic measure sets.
 */
export interface SimMeasureDef {
  name: string;
  type: 'STRING' | 'NUMBER' | 'DURATION' | 'DATE' | 'TIME_IN_STATE';
  displayName: string;
}

export interface SimProducer {
  id: string;
  keys: string[];
  measures: SimMeasureDef[];
}

const m = (name: string, type: SimMeasureDef['type'], displayName: string): SimMeasureDef => ({ name, type, displayName });

export const AGENT_PRODUCER: SimProducer = {
  id: 'Agent_itd_1.0.0',
  keys: ['agentId'],
  measures: [
    m('agentState', 'STRING', 'Agent State'),
    m('reasonCodeName', 'STRING', 'Reason Code'),
    m('timeInState', 'TIME_IN_STATE', 'Time in State'),
    m('agentLoginId', 'STRING', 'Login Id'),
    m('userStatus', 'STRING', 'User Status'),
    m('agentFirstName', 'STRING', 'First Name'),
    m('agentLastName', 'STRING', 'Last Name'),
    m('agentDisplayName', 'STRING', 'Display Name'),
    m('timeOnHold', 'DURATION', 'Time on Hold'),
    m('timeLoggedIn', 'DATE', 'Logged In Since'),
    m('timeActive', 'DURATION', 'Time Active'),
    m('idleTimeDuration', 'DURATION', 'Idle Time'),
    m('agentLogonDuration', 'DURATION', 'Logon Duration'),
    m('timeInACW', 'DURATION', 'Time in ACW'),
  ],
};

export const QUEUE_PRODUCER: SimProducer = {
  id: 'Queue_itd_1.0.0',
  keys: ['queueId'],
  measures: [
    m('queueName', 'STRING', 'Queue Name'),
    m('isDefaultQueue', 'STRING', 'Default Queue'),
    m('contactsQueueing', 'NUMBER', 'Contacts Queueing'),
    m('Offered', 'NUMBER', 'Offered'),
    m('Answered', 'NUMBER', 'Answered'),
    m('Completed', 'NUMBER', 'Completed'),
    m('abandonedFromQueue', 'NUMBER', 'Abandoned from Queue'),
    m('active', 'NUMBER', 'Active'),
    m('activeDuration', 'DURATION', 'Active Duration'),
    m('activeAgentsInACW', 'NUMBER', 'Active Agents in ACW'),
    m('alertDuration', 'DURATION', 'Alert Duration'),
    m('coached', 'NUMBER', 'Coached'),
    m('coaching', 'NUMBER', 'Coaching'),
  ],
};

export const DEFAULT_SIM_PRODUCERS = [AGENT_PRODUCER, QUEUE_PRODUCER];

/** The producer-management answer for one producer. */
export function producerBody(p: SimProducer): unknown {
  return { measureProducerId: p.id, measureSets: [{ keys: p.keys.map((name) => ({ name })), measures: p.measures }] };
}

export interface AgentSpec {
  name: string;
  state: string;
  reason?: string;
  /** Epoch ms the state began. */
  since: number;
  loggedInAt: number;
}

/** An agent's measure set as AXP sends it: every value a string. */
export function agentMeasures(a: AgentSpec, now: number): Record<string, string> {
  const [first, ...rest] = a.name.split(' ');
  const last = rest.join(' ');
  const inState = Math.max(0, now - a.since);
  return {
    reasonCodeName: a.state === 'NOT_READY' ? (a.reason ?? 'Break') : 'N/A',
    timeInState: String(a.since),
    agentLoginId: `${a.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
    userStatus: a.state === 'LOGGED_OUT' ? 'Offline' : 'Live',
    agentLastName: last,
    agentDisplayName: a.name,
    timeOnHold: '0',
    timeLoggedIn: String(a.loggedInAt),
    timeActive: a.state === 'BUSY' ? String(Math.round(inState / 1000)) : '0',
    idleTimeDuration: a.state === 'READY' ? String(Math.round(inState / 1000)) : '0',
    agentLogonDuration: String(Math.round(Math.max(0, now - a.loggedInAt) / 1000)),
    timeInACW: a.state === 'ACW' ? String(Math.round(inState / 1000)) : '0',
    agentState: a.state,
    agentFirstName: first ?? a.name,
  };
}

export interface QueueSpec {
  name: string;
  queueing: number;
  offered: number;
  answered: number;
  completed: number;
  abandoned: number;
}

export function queueMeasures(q: QueueSpec): Record<string, string> {
  return {
    queueName: q.name,
    isDefaultQueue: 'false',
    contactsQueueing: String(q.queueing),
    Offered: String(q.offered),
    Answered: String(q.answered),
    Completed: String(q.completed),
    abandonedFromQueue: String(q.abandoned),
    active: String(Math.max(0, q.answered - q.completed)),
    activeDuration: String(q.answered * 180),
    activeAgentsInACW: '0',
    alertDuration: '5',
    coached: '0',
    coaching: '0',
  };
}

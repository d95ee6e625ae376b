/**
 * English texts of event log entries (src/shared/log-words.ts) and the names of their kinds: the
 * reference catalog; every other language has exactly these keys. An entry is a list of fragments
 * joined as they are, so a fragment that continues a sentence starts with its own space or comma.
 */
import type { Message } from '../i18n';

export const en = {
  'log.agent_login': '{name} logged in',
  'log.agent_logout': '{name} logged out',
  'log.agent_status': '{name} reported status "{status}" (unknown)',
  'log.via_poll': ' (seen by polling)',
  'log.via_list': ' (seen in the agent list)',
  'log.via_phone': ' (from the phone)',
  'log.via_api': ' (via the API)',
  'log.via_source': ' (via {source})',
  'log.via_webhook': ' (by webhook)',
  'log.subscriptions': {
    one: 'Webhook subscriptions for {count} agent: {created} created, {repaired} repaired, {removed} duplicates removed; {inPlace} in place',
    other: 'Webhook subscriptions for {count} agents: {created} created, {repaired} repaired, {removed} duplicates removed; {inPlace} in place',
  },
  'log.subscriptions_missing': '; {missing} missing (event limit {limit} reached)',
  'log.resync': {
    one: '{count} waiting call from before the connection was interrupted was not reported again within {seconds} s and was removed (Axialys sends no snapshot of its queues)',
    other: '{count} waiting calls from before the connection was interrupted were not reported again within {seconds} s and were removed (Axialys sends no snapshot of its queues)',
  },
  'log.asr': 'Speech input "{input}"',
  'log.asr_score': ' (score {score})',
  'log.on_call': ' on call {call}',
  'log.push': 'Outbound call pushed to',
  'log.push_cancel': 'Pushed call cancelled for',
  'log.to_name': ' {name}',
  'log.to_operator': ' operator {id}',
  'log.to_anyone': ' an operator',
  'log.number': ' ({number})',
  'log.alert_op': 'Axialys: not enough operators for {queue}',
  'log.alert_file': 'Axialys: waiting threshold exceeded in {queue}',
  'log.in_queue_for': ' ({seconds} s in queue)',
  'log.call_start': 'Incoming call',
  'log.call_answer': 'Call answered',
  'log.call_end': 'Call ended',
  'log.from': ' from {number}',
  'log.to_service': ' to {service}',
  'log.dest': ' ({dest})',
  'log.call_id': ', call {call}',
  'logkind.agent.login': 'Login',
  'logkind.agent.logout': 'Logout',
  'logkind.agent.status': 'Agent status',
  'logkind.subscriptions': 'Subscriptions',
  'logkind.resync': 'Resynchronisation',
  'logkind.axialys.input': 'Speech input',
  'logkind.axialys.push': 'Pushed call',
  'logkind.axialys.push_cancel': 'Pushed call cancelled',
  'logkind.axialys.pushcall': 'Pushed call',
  'logkind.axialys.alert_op': 'Operator alert',
  'logkind.axialys.alert_file': 'Queue alert',
  'logkind.axialys.num': 'Call',
} satisfies Record<string, Message>;

/**
 * English advice: what to look at when an alert fires, for one subject. Said in OS notifications (after
 * the alert's text) and in the dashboard's alert details; the reference catalog, every other language
 * has exactly these keys. A text follows "·" or a label, so it starts in lower case.
 */
import type { Message } from '../i18n';

export const en = {
  'metric.agent.latency.hint': "check the agent's network",
  'metric.agent.latency.hintIp': "check the agent's network or public IP {ip}",
  'metric.agent.jitter.hint': "check the agent's connection (Wi-Fi, VPN, bandwidth)",
  'metric.agent.jitter.hintIp': "check the agent's connection (Wi-Fi, VPN, bandwidth) or public IP {ip}",
  'metric.agent.loss.hint': "check the agent's connection",
  'metric.agent.loss.hintIp': "check the agent's connection or public IP {ip}",
  'metric.agent.rejection.hint': "check the agent's network and softphone",
  'metric.agent.rejection.hintIp': "check the agent's network and softphone or public IP {ip}",
  'metric.queue.waiting.hint': 'put more agents on {name} or check who is available',
  'metric.queue.longest_wait.hint': 'answer the oldest call in {name}',
  'metric.site.latency.hint': 'check the internet link of public IP {name}',
  'metric.site.rejection.hint': 'check the internet link of public IP {name}',
  'metric.vendor.alert_op.hint': 'log more agents in to {name}',
  'metric.vendor.alert_file.hint': 'calls wait too long in {name}: put more agents on it',
  'source.hintDown': 'check the network and the vendor status page; data from this source is frozen',
  'source.hintCollector': 'check that the collector is running and that this computer can reach it; its data is frozen meanwhile',
  'source.hintAuth': 'check the credentials in the Sources view',
} satisfies Record<string, Message>;

/** French advice (same keys as en.ts). */
import type { Message } from '../i18n';
import type { en } from './en';

export const fr: Record<keyof typeof en, Message> = {
  'metric.agent.latency.hint': 'vérifiez le réseau de l’agent',
  'metric.agent.latency.hintIp': 'vérifiez le réseau de l’agent ou l’IP publique {ip}',
  'metric.agent.jitter.hint': 'vérifiez la connexion de l’agent (Wi-Fi, VPN, débit)',
  'metric.agent.jitter.hintIp': 'vérifiez la connexion de l’agent (Wi-Fi, VPN, débit) ou l’IP publique {ip}',
  'metric.agent.loss.hint': 'vérifiez la connexion de l’agent',
  'metric.agent.loss.hintIp': 'vérifiez la connexion de l’agent ou l’IP publique {ip}',
  'metric.agent.rejection.hint': 'vérifiez le réseau et le softphone de l’agent',
  'metric.agent.rejection.hintIp': 'vérifiez le réseau et le softphone de l’agent ou l’IP publique {ip}',
  'metric.queue.waiting.hint': 'affectez plus d’agents à {name} ou voyez qui est disponible',
  'metric.queue.longest_wait.hint': 'prenez l’appel le plus ancien de la file « {name} »',
  'metric.site.latency.hint': 'vérifiez le lien internet de l’IP publique {name}',
  'metric.site.rejection.hint': 'vérifiez le lien internet de l’IP publique {name}',
  'metric.vendor.alert_op.hint': 'connectez plus d’agents sur {name}',
  'metric.vendor.alert_file.hint': 'les appels attendent trop dans {name} : affectez-y plus d’agents',
  'source.hintDown': 'vérifiez le réseau et la page d’état de l’éditeur ; les données de cette source sont figées',
  'source.hintCollector': 'vérifiez que le collecteur fonctionne et que cet ordinateur peut le joindre ; ses données sont figées en attendant',
  'source.hintAuth': 'vérifiez les identifiants dans la vue Sources',
};

/** Spanish advice (same keys as en.ts). */
import type { Message } from '../i18n';
import type { en } from './en';

export const es: Record<keyof typeof en, Message> = {
  'metric.agent.latency.hint': 'revise la red del agente',
  'metric.agent.latency.hintIp': 'revise la red del agente o la IP pública {ip}',
  'metric.agent.jitter.hint': 'revise la conexión del agente (wifi, VPN, ancho de banda)',
  'metric.agent.jitter.hintIp': 'revise la conexión del agente (wifi, VPN, ancho de banda) o la IP pública {ip}',
  'metric.agent.loss.hint': 'revise la conexión del agente',
  'metric.agent.loss.hintIp': 'revise la conexión del agente o la IP pública {ip}',
  'metric.agent.rejection.hint': 'revise la red y el softphone del agente',
  'metric.agent.rejection.hintIp': 'revise la red y el softphone del agente o la IP pública {ip}',
  'metric.queue.waiting.hint': 'asigne más agentes a {name} o vea quién está disponible',
  'metric.queue.longest_wait.hint': 'atienda la llamada más antigua de {name}',
  'metric.site.latency.hint': 'revise el enlace a internet de la IP pública {name}',
  'metric.site.rejection.hint': 'revise el enlace a internet de la IP pública {name}',
  'metric.vendor.alert_op.hint': 'conecte más agentes en {name}',
  'metric.vendor.alert_file.hint': 'las llamadas esperan demasiado en {name}: asigne más agentes',
  'source.hintDown': 'revise la red y la página de estado del proveedor; los datos de esta fuente están congelados',
  'source.hintCollector': 'compruebe que el colector está en marcha y que este equipo puede alcanzarlo; mientras tanto sus datos están congelados',
  'source.hintAuth': 'revise las credenciales en la vista Fuentes',
};

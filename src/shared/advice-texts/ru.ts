/** Russian advice (same keys as en.ts). */
import type { Message } from '../i18n';
import type { en } from './en';

export const ru: Record<keyof typeof en, Message> = {
  'metric.agent.latency.hint': 'проверьте сеть оператора',
  'metric.agent.latency.hintIp': 'проверьте сеть оператора или публичный IP {ip}',
  'metric.agent.jitter.hint': 'проверьте подключение оператора (Wi-Fi, VPN, пропускная способность)',
  'metric.agent.jitter.hintIp': 'проверьте подключение оператора (Wi-Fi, VPN, пропускная способность) или публичный IP {ip}',
  'metric.agent.loss.hint': 'проверьте подключение оператора',
  'metric.agent.loss.hintIp': 'проверьте подключение оператора или публичный IP {ip}',
  'metric.agent.rejection.hint': 'проверьте сеть и софтфон оператора',
  'metric.agent.rejection.hintIp': 'проверьте сеть и софтфон оператора или публичный IP {ip}',
  'metric.queue.waiting.hint': 'добавьте операторов в очередь «{name}» или проверьте, кто свободен',
  'metric.queue.longest_wait.hint': 'ответьте на самый давний звонок в очереди «{name}»',
  'metric.site.latency.hint': 'проверьте интернет-канал публичного IP {name}',
  'metric.site.rejection.hint': 'проверьте интернет-канал публичного IP {name}',
  'metric.vendor.alert_op.hint': 'подключите больше операторов к очереди «{name}»',
  'metric.vendor.alert_file.hint': 'звонки слишком долго ждут в очереди «{name}»: добавьте операторов',
  'source.hintDown': 'проверьте сеть и страницу состояния поставщика; данные этого источника не обновляются',
  'source.hintCollector': 'проверьте, что сборщик работает и этот компьютер может до него достучаться; пока его данные не обновляются',
  'source.hintAuth': 'проверьте учётные данные в разделе «Источники»',
};

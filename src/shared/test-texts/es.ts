/** Spanish texts of "Test connection" outcomes (same keys as en.ts; plural categories: one, many, other). */
import type { Message } from '../i18n';
import type { en } from './en';

export const es: Record<keyof typeof en, Message> = {
  'test.wolkvox': {
    one: 'Conectado a Wolkvox en {host}: el informe de agentes lista {count} agente.',
    many: 'Conectado a Wolkvox en {host}: el informe de agentes lista {count} agentes.',
    other: 'Conectado a Wolkvox en {host}: el informe de agentes lista {count} agentes.',
  },
  'test.wolkvox_quota':
    'Las consultas configuradas necesitan unos {projected} usos del token al día, pero la cuota es de {quota}: Wolkvox responderá TOKEN LIMIT EXCEEDED antes de que acabe el día. Alargue los intervalos de consulta o aumente las licencias en la vista Fuentes.',
  'test.wolkvox_quota_shared':
    'Las fuentes que comparten este token necesitan unos {projected} usos al día, pero la cuota es de {quota}: Wolkvox responderá TOKEN LIMIT EXCEEDED antes de que acabe el día. Alargue los intervalos de consulta o aumente las licencias en la vista Fuentes.',
  'test.wolkvox_clock_behind':
    'Wolkvox fecha la medición de red más reciente de un agente conectado {hours} h {minutes} min antes del reloj de este equipo: revise la zona horaria de la fuente (ahora {zone}); debe ser aquella en la que la cuenta Wolkvox escribe sus fechas.',
  'test.wolkvox_clock_ahead':
    'Wolkvox fecha la medición de red más reciente de un agente conectado {hours} h {minutes} min después del reloj de este equipo: revise la zona horaria de la fuente (ahora {zone}); debe ser aquella en la que la cuenta Wolkvox escribe sus fechas.',
  'test.avaya': 'Sesión iniciada en la cuenta {account} (token válido durante {seconds} s).',
  'test.avaya_producers': {
    one: 'Productor de medidas encontrado: {producers}.',
    many: 'Productores de medidas encontrados: {producers}.',
    other: 'Productores de medidas encontrados: {producers}.',
  },
  'test.avaya_discovery_unavailable': 'Las medidas de {producers} no se pudieron listar ahora; las suscripciones se intentarán igualmente.',
  'test.telphin': {
    one: 'Conectado a Telphin: {count} agente de cola ({local} locales, {remote} remotos).',
    many: 'Conectado a Telphin: {count} agentes de cola ({local} locales, {remote} remotos).',
    other: 'Conectado a Telphin: {count} agentes de cola ({local} locales, {remote} remotos).',
  },
  'test.telphin_webhook': {
    one: 'Modo webhook: se registrará {count} evento de agente en {url}.',
    many: 'Modo webhook: se registrarán {count} eventos de agente en {url}.',
    other: 'Modo webhook: se registrarán {count} eventos de agente en {url}.',
  },
  'test.telphin_webhook_limit': 'El modo webhook necesita {need} eventos de agente, pero la cuenta permite {limit}: pida a Telphin que aumente el límite.',
  'test.telphin_polling': 'Modo de consulta (sin dirección pública de webhook): cada {seconds} s, o con menos frecuencia cuando lo exige la cuota de solicitudes por hora.',
  'test.telphin_quota': 'Quedan {remaining} de {limit} solicitudes esta hora.',
  'test.telphin_skipped': {
    one: 'Se omitió {count} entrada de agente ilegible.',
    many: 'Se omitieron {count} entradas de agente ilegibles.',
    other: 'Se omitieron {count} entradas de agente ilegibles.',
  },
  'test.axialys_api': 'Conectado a Axialys con la cuenta API «{login}»; el socket de notificaciones (Socket.IO {version}) aceptó la sesión.',
  'test.axialys_supervisor': 'Conectado a Axialys como supervisor «{login}»; el socket de notificaciones (Socket.IO {version}) aceptó la sesión.',
  'test.collector': {
    one: 'Se alcanzó el colector en {host}: lee {count} fuente.',
    many: 'Se alcanzó el colector en {host}: lee {count} de fuentes.',
    other: 'Se alcanzó el colector en {host}: lee {count} fuentes.',
  },
  'test.collector_agents': {
    one: 'Ahora muestra {count} agente.',
    many: 'Ahora muestra {count} de agentes.',
    other: 'Ahora muestra {count} agentes.',
  },
  'test.collector_not_live': 'No están en vivo en el colector: {sources}.',
};

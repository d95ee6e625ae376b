/** French texts of "Test connection" outcomes (same keys as en.ts; plural categories: one, many, other). */
import type { Message } from '../i18n';
import type { en } from './en';

export const fr: Record<keyof typeof en, Message> = {
  'test.wolkvox': {
    one: 'Connecté à Wolkvox sur {host} : le rapport des agents en liste {count}.',
    many: 'Connecté à Wolkvox sur {host} : le rapport des agents en liste {count}.',
    other: 'Connecté à Wolkvox sur {host} : le rapport des agents en liste {count}.',
  },
  'test.wolkvox_quota':
    'Les interrogations configurées demandent environ {projected} utilisations du jeton par jour, mais le quota est de {quota} : Wolkvox répondra TOKEN LIMIT EXCEEDED avant la fin de la journée. Allongez les intervalles d’interrogation ou augmentez les licences dans la vue Sources.',
  'test.wolkvox_quota_shared':
    'Les sources qui partagent ce jeton demandent environ {projected} utilisations par jour, mais le quota est de {quota} : Wolkvox répondra TOKEN LIMIT EXCEEDED avant la fin de la journée. Allongez les intervalles d’interrogation ou augmentez les licences dans la vue Sources.',
  'test.wolkvox_clock_behind':
    'Wolkvox date la mesure réseau la plus récente d’un agent connecté de {hours} h {minutes} min avant l’horloge de cet ordinateur : vérifiez le fuseau horaire de la source (actuellement {zone}) ; ce doit être celui dans lequel le compte Wolkvox écrit ses dates.',
  'test.wolkvox_clock_ahead':
    'Wolkvox date la mesure réseau la plus récente d’un agent connecté de {hours} h {minutes} min après l’horloge de cet ordinateur : vérifiez le fuseau horaire de la source (actuellement {zone}) ; ce doit être celui dans lequel le compte Wolkvox écrit ses dates.',
  'test.avaya': 'Connecté au compte {account} (jeton valable {seconds} s).',
  'test.avaya_producers': {
    one: 'Producteur de mesures trouvé : {producers}.',
    many: 'Producteurs de mesures trouvés : {producers}.',
    other: 'Producteurs de mesures trouvés : {producers}.',
  },
  'test.avaya_discovery_unavailable': 'Les mesures de {producers} n’ont pas pu être listées pour l’instant ; les abonnements seront tout de même tentés.',
  'test.telphin': {
    one: 'Connecté à Telphin : {count} agent de file ({local} locaux, {remote} distants).',
    many: 'Connecté à Telphin : {count} agents de file ({local} locaux, {remote} distants).',
    other: 'Connecté à Telphin : {count} agents de file ({local} locaux, {remote} distants).',
  },
  'test.telphin_webhook': {
    one: 'Mode webhook : {count} événement d’agent sera enregistré sur {url}.',
    many: 'Mode webhook : {count} événements d’agent seront enregistrés sur {url}.',
    other: 'Mode webhook : {count} événements d’agent seront enregistrés sur {url}.',
  },
  'test.telphin_webhook_limit': 'Le mode webhook demande {need} événements d’agent, mais le compte en autorise {limit} : faites relever la limite par Telphin.',
  'test.telphin_polling': 'Mode interrogation (pas d’adresse publique de webhook) : toutes les {seconds} s, ou moins souvent quand le quota horaire de requêtes l’exige.',
  'test.telphin_quota': 'Il reste {remaining} requêtes sur {limit} pour cette heure.',
  'test.telphin_skipped': {
    one: '{count} entrée d’agent illisible a été ignorée.',
    many: '{count} entrées d’agent illisibles ont été ignorées.',
    other: '{count} entrées d’agent illisibles ont été ignorées.',
  },
  'test.axialys_api': 'Connecté à Axialys avec le compte API « {login} » ; le socket de notifications (Socket.IO {version}) a accepté la session.',
  'test.axialys_supervisor': 'Connecté à Axialys en superviseur « {login} » ; le socket de notifications (Socket.IO {version}) a accepté la session.',
  'test.collector': {
    one: 'Collecteur joint à {host} : il lit {count} source.',
    many: 'Collecteur joint à {host} : il lit {count} de sources.',
    other: 'Collecteur joint à {host} : il lit {count} sources.',
  },
  'test.collector_agents': {
    one: 'Il affiche {count} agent en ce moment.',
    many: 'Il affiche {count} d’agents en ce moment.',
    other: 'Il affiche {count} agents en ce moment.',
  },
  'test.collector_not_live': 'Pas en direct sur le collecteur : {sources}.',
};

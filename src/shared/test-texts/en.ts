/**
 * English texts of "Test connection" outcomes (src/shared/test-outcomes.ts): what worked, and what a
 * lead should know before relying on the source. The reference catalog; every other language has
 * exactly these keys. Each text is a sentence of its own.
 */
import type { Message } from '../i18n';

export const en = {
  'test.wolkvox': {
    one: 'Connected to Wolkvox at {host}: the agents report lists {count} agent.',
    other: 'Connected to Wolkvox at {host}: the agents report lists {count} agents.',
  },
  'test.wolkvox_quota':
    'The configured polling needs about {projected} token uses per day but the quota is {quota}: Wolkvox will answer TOKEN LIMIT EXCEEDED before the day ends. Lengthen the polling intervals or raise the licences in the Sources view.',
  'test.wolkvox_quota_shared':
    'The sources sharing this token need about {projected} uses per day but the quota is {quota}: Wolkvox will answer TOKEN LIMIT EXCEEDED before the day ends. Lengthen the polling intervals or raise the licences in the Sources view.',
  'test.wolkvox_clock_behind':
    'Wolkvox dates the newest network measurement of a connected agent {hours} h {minutes} min before this computer’s clock: check the source’s time zone (now {zone}); it must be the one the Wolkvox account writes its dates in.',
  'test.wolkvox_clock_ahead':
    'Wolkvox dates the newest network measurement of a connected agent {hours} h {minutes} min after this computer’s clock: check the source’s time zone (now {zone}); it must be the one the Wolkvox account writes its dates in.',
  'test.avaya': 'Signed in to account {account} (token valid for {seconds} s).',
  'test.avaya_producers': {
    one: 'Measure producer found: {producers}.',
    other: 'Measure producers found: {producers}.',
  },
  'test.avaya_discovery_unavailable': 'The measures of {producers} could not be listed now; the subscriptions will still be tried.',
  'test.telphin': {
    one: 'Connected to Telphin: {count} queue agent ({local} local, {remote} remote).',
    other: 'Connected to Telphin: {count} queue agents ({local} local, {remote} remote).',
  },
  'test.telphin_webhook': {
    one: 'Webhook mode: {count} agent event will be registered at {url}.',
    other: 'Webhook mode: {count} agent events will be registered at {url}.',
  },
  'test.telphin_webhook_limit': 'Webhook mode needs {need} agent events but the account allows {limit}: raise the limit with Telphin.',
  'test.telphin_polling': 'Polling mode (no public webhook address): every {seconds} s, or less often when the hourly request quota requires it.',
  'test.telphin_quota': '{remaining} of {limit} requests left this hour.',
  'test.telphin_skipped': {
    one: '{count} unreadable agent entry was skipped.',
    other: '{count} unreadable agent entries were skipped.',
  },
  'test.axialys_api': 'Connected to Axialys as API account "{login}"; the notification socket (Socket.IO {version}) accepted the session.',
  'test.axialys_supervisor': 'Connected to Axialys as supervisor "{login}"; the notification socket (Socket.IO {version}) accepted the session.',
  'test.collector': {
    one: 'Reached the collector at {host}: it reads {count} source.',
    other: 'Reached the collector at {host}: it reads {count} sources.',
  },
  'test.collector_agents': {
    one: 'It shows {count} agent now.',
    other: 'It shows {count} agents now.',
  },
  'test.collector_not_live': 'Not live on the collector: {sources}.',
} satisfies Record<string, Message>;

/**
 * English texts of source problems (src/shared/problems.ts): the reference catalog; every other
 * language has exactly these keys. A text continues "<source> is down: …", so it starts in lower case.
 */
import type { Message } from '../i18n';

export const en = {
  'problem.unreachable': "could not reach {host}: check this computer's network connection and the address in the Sources view; retrying",
  'problem.timeout': "no answer within {seconds} s: check this computer's network connection; retrying",
  'problem.auth_refused': 'the credentials were refused: check them in the Sources view',
  'problem.permission_refused': 'the account is not allowed to read this data: check its permissions with the vendor',
  'problem.not_found': 'the address or the account was not found: check the settings of this source',
  'problem.config_refused': 'the request was refused as configured: check the settings of this source',
  'problem.rate_limited': 'the vendor is limiting requests; retrying in {seconds} s',
  'problem.quota': 'the request quota is used up; waiting for it to reset',
  'problem.quota_slow': 'the request quota is nearly used up: polling every {seconds} s until it resets',
  'problem.server_error': "the vendor's service answered with an error (HTTP {status}); retrying",
  'problem.service_error': "the vendor's service reported an internal error; retrying",
  'problem.request_failed': 'a request failed (HTTP {status}); retrying',
  'problem.bad_answer': 'the vendor sent an answer that cannot be used; retrying',
  'problem.maintenance': "the vendor's service is in maintenance; retrying in {seconds} s",
  'problem.feed_failed': 'the live feed could not be opened; retrying',
  'problem.feed_closed': 'the live feed closed; reconnecting',
  'problem.feed_silent': 'the live feed stopped answering; reconnecting',
  'problem.feed_refused': 'the live feed refused the access token; retrying with a new one',
  'problem.feed_rejected': 'the live feed keeps closing right after it opens (the session may not be accepted from this address); retrying later',
  'problem.session_expired': 'the session expired; logging in again',
  'problem.subscription_pending': 'waiting for the live subscription to become active',
  'problem.subscription_renewing': 'the live subscription is being created again',
  'problem.missed_events': {
    one: '{count} event was missed: agent and queue states may be incomplete until they next change',
    other: '{count} events were missed: agent and queue states may be incomplete until they next change',
  },
  'problem.unreadable_reports': 'the {report} reports cannot be read: the values shown may be stale; if this lasts, look for an update of this application',
  'problem.report_refused': 'the {report} report was refused: check the server code in the Sources view and that this report is enabled for the token',
  'problem.unsupported': 'this version does not support this kind of source',
  'problem.wolkvox_token_refused': "the token was refused: check it in the Sources view, and that this computer's public IP is allowed in the Wolkvox firewall",
  'problem.wolkvox_token_missing': 'the token did not arrive: enter it again in the Sources view; a proxy may be removing the wolkvox-token header',
  'problem.axialys_client_id': 'API mode needs the client id Axialys gave with the API account: enter it as the Client id of this source',
  'problem.wolkvox_token_limit': 'the daily token quota is spent: polling is paused until local midnight, when it resets; lengthen the polling intervals or raise the licences in the Sources view',
  'problem.wolkvox_token_limit_late': 'the daily token quota is still spent after local midnight: Wolkvox renews it on its own clock; checking again every hour',
  'problem.wolkvox_simultaneous': 'another application is using the same token at the same time: give it a token of its own; retrying in {seconds} s',
  'problem.wolkvox_forbidden': "a report was refused: the server may be in maintenance, or this computer's public IP is not allowed in the Wolkvox firewall; retrying in {seconds} s",
  'problem.telphin_subscriptions_missing': {
    one: "{count} login/logout subscription is missing (Telphin's limit on agent events is reached), so some agents' changes will not arrive: raise the limit with Telphin or remove unused agent events",
    other: "{count} login/logout subscriptions are missing (Telphin's limit on agent events is reached), so some agents' changes will not arrive: raise the limit with Telphin or remove unused agent events",
  },
  'problem.telphin_not_trusted': 'the application must be a "trusted" application of the Telphin account',
  'problem.agents_report_unreadable': '{host} answered, but its agents report could not be read: check the server code and the base URL in the Sources view',
  'problem.test_cancelled': 'the test was cancelled',
  'problem.producers_missing': {
    one: 'signed in, but the measure producer {producers} does not exist: check the producers in the Sources view',
    other: 'signed in, but the measure producers {producers} do not exist: check the producers in the Sources view',
  },
  'problem.socket_timeout': 'the login was accepted, but the notification socket did not open within {seconds} s: check the socket address in the Sources view',
  'problem.socket_refused': 'the login was accepted, but the notification socket could not be opened: check the socket address and the Socket.IO version in the Sources view',
  'problem.socket_not_accepted': 'the login was accepted, but the server closed the notification socket after init: the session was not accepted',
  'problem.socket_closed': 'the login was accepted, but the notification socket closed before it could be used',
} satisfies Record<string, Message>;

/**
 * How Wolkvox says no (VENDORS.md §1), and what the user should do about it. HTTP status and the
 * envelope's `code`/`error` are both read: a 200 whose envelope says 403 is a 403. Messages name the
 * source, what failed and what to do; they never contain the token.
 */
import { problem, type Problem } from '../../../shared/problems';
import type { Envelope } from './parse';
import { localStamp, nextMidnight } from './time';
import type { Report } from './url';

/** A refusal: its kind, the English message, and the same as a problem every language can render. */
export type Verdict =
  | { kind: 'ok' }
  | { kind: 'auth'; message: string; problem: Problem }
  | { kind: 'token_limit'; message: string; problem: Problem; until: number }
  | { kind: 'simultaneous'; message: string; problem: Problem }
  | { kind: 'maintenance'; message: string; problem: Problem }
  | { kind: 'config'; message: string; problem: Problem }
  | { kind: 'server'; message: string; problem: Problem };

/**
 * A quota refused again this soon after the last block ended: Wolkvox renews it on its own clock
 * (Colombian midnight is 06:00 or 07:00 in Madrid, when the source's time zone is not set), so the
 * token is tried again every hour until the next midnight instead of losing a whole day.
 */
const LATE_RESET_WINDOW_MS = 12 * 3_600_000;
const LATE_RESET_RETRY_MS = 3_600_000;

const PHRASE = /PLEASE VALIDATE TOKEN|TOKEN LIMIT EXCEEDED|SIMULTANEOUS REQUESTS/i;

function detailOf(env: Envelope | null, text: string): string {
  const parts = [env?.error, env?.msg].filter((s): s is string => !!s && !/records? were found/i.test(s));
  const d = parts.length ? parts.join(' — ') : env ? '' : text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return d.length > 160 ? `${d.slice(0, 160)}…` : d;
}

/**
 * Judges one response. `env` is the decoded envelope when the body was JSON; `blockEnded` is when the
 * token's last quota block ended (0: none); `zone`: the account's time zone, whose midnight renews the
 * quota (absent: this computer's).
 */
export function judge(status: number, text: string, env: Envelope | null, report: Report, host: string, now: number, blockEnded = 0, zone?: string): Verdict {
  let code = status;
  if (code >= 200 && code < 300 && env?.code != null && env.code >= 400) code = env.code;
  if (code >= 200 && code < 300 && !env && PHRASE.test(text)) code = 403;
  if (code < 400) return { kind: 'ok' };
  const detail = detailOf(env, text);
  const said = `${code}${detail ? ` ${detail}` : ''}`;
  const all = `${detail} ${env ? '' : text}`;
  if (/TOKEN LIMIT EXCEEDED/i.test(all)) {
    if (blockEnded > 0 && now >= blockEnded && now - blockEnded < LATE_RESET_WINDOW_MS) {
      const until = Math.min(now + LATE_RESET_RETRY_MS, nextMidnight(now, zone));
      return {
        kind: 'token_limit',
        until,
        problem: problem('wolkvox_token_limit_late'),
        message: `Wolkvox daily token quota is still spent after midnight${zone ? ` in ${zone}` : ''} (${said}): Wolkvox renews it on its own clock; trying again at ${localStamp(until)}, then every hour.`,
      };
    }
    const until = nextMidnight(now, zone);
    return {
      kind: 'token_limit',
      until,
      problem: problem('wolkvox_token_limit'),
      message:
        `Wolkvox daily token quota is spent (${said}): polling is paused until ${localStamp(until)} (midnight ${zone ? `in ${zone}` : 'here'}, when the quota resets). ` +
        'Lengthen the polling intervals or raise the licences in the Sources view.',
    };
  }
  if (/SIMULTANEOUS/i.test(all) || code === 429) {
    return {
      kind: 'simultaneous',
      problem: problem('wolkvox_simultaneous'),
      message: `Wolkvox refused a simultaneous request on this token (${said}): another application may be using the same token — give it a token of its own.`,
    };
  }
  if (/VALIDATE TOKEN|INVALID TOKEN|TOKEN (IS )?(INVALID|EXPIRED)/i.test(all)) {
    return {
      kind: 'auth',
      problem: problem('wolkvox_token_refused'),
      message: `Wolkvox rejected the token (${said}): check the token in the Sources view, and that this machine's public IP is allowed in the Wolkvox firewall.`,
    };
  }
  if (code === 401) {
    return {
      kind: 'auth',
      problem: problem('wolkvox_token_missing'),
      message: `Wolkvox did not receive the token (${said}): enter the token again in the Sources view; if it is set, a proxy may be removing the wolkvox-token header.`,
    };
  }
  if (code === 403) {
    return {
      kind: 'maintenance',
      problem: problem('wolkvox_forbidden'),
      message:
        `Wolkvox refused the ${report} report (${said}): the server may be in maintenance, or this machine's public IP is not allowed ` +
        'in the Wolkvox firewall (ask your Wolkvox administrator to allow it).',
    };
  }
  if (code >= 500) {
    return {
      kind: 'server',
      problem: problem('server_error', { status: code }),
      message: `Wolkvox answered ${code} to the ${report} report at ${host}${detail ? ` (${detail})` : ''}: the server has a problem; if this lasts, contact Wolkvox support.`,
    };
  }
  if (code === 404) {
    return { kind: 'config', problem: problem('not_found'), message: `Wolkvox has no ${report} report at ${host} (${said}): check the server code or base URL in the Sources view.` };
  }
  return {
    kind: 'config',
    problem: problem('report_refused', { report }),
    message: `Wolkvox refused the ${report} report (${said}): check the server code in the Sources view and that this report is enabled for the token.`,
  };
}

/**
 * A scripted fetch for Avaya unit tests: each call is recorded and answered by the first matching
 * handler. Integration tests use the real simulator over sockets instead.
 */
import type { FetchLike } from '../../src/core/connectors/types';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error' | 'hang';
type Handler = { match: (c: Call) => boolean; answer: (c: Call) => Answer };

export class ScriptedFetch {
  readonly calls: Call[] = [];
  private handlers: Handler[] = [];

  on(match: RegExp | ((c: Call) => boolean), answer: Answer | ((c: Call) => Answer)): this {
    const m = match instanceof RegExp ? (c: Call) => match.test(`${c.method} ${c.url}`) : match;
    this.handlers.unshift({ match: m, answer: typeof answer === 'function' ? answer : () => answer });
    return this;
  }

  count(re: RegExp): number {
    return this.calls.filter((c) => re.test(`${c.method} ${c.url}`)).length;
  }

  readonly fetch: FetchLike = (input, init) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers as Record<string, string>) ?? {})) headers[k.toLowerCase()] = v;
    const call: Call = { url: input, method: init?.method ?? 'GET', headers, body: typeof init?.body === 'string' ? init.body : '' };
    this.calls.push(call);
    const h = this.handlers.find((x) => x.match(call));
    const answer: Answer = h ? h.answer(call) : { status: 404, body: { title: 'Not Found', detail: 'no handler' } };
    const signal = init?.signal;
    if (answer === 'network-error') return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    if (answer === 'hang') {
      return new Promise((_resolve, reject) => {
        const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        if (signal?.aborted) abort();
        signal?.addEventListener('abort', abort, { once: true });
      });
    }
    const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return Promise.resolve(new Response(answer.status === 204 ? null : text, { status: answer.status, headers: answer.headers }));
  };
}

export const BASE = 'https://eu.api.avayacloud.com';
export const TOKEN_RE = /POST .*\/api\/auth\/v1\/[A-Z]+\/protocol\/openid-connect\/token$/;

/** A token endpoint that hands out numbered tokens with the given lifetime. */
export function tokenEndpoint(f: ScriptedFetch, lifetimeSec = 900): { issued: string[] } {
  const issued: string[] = [];
  f.on(TOKEN_RE, () => {
    const value = `tok-${issued.length + 1}-abcdef`;
    issued.push(value);
    return { status: 200, body: { access_token: value, expires_in: String(lifetimeSec), token_type: 'Bearer' } };
  });
  return { issued };
}

import type { SourceHealth } from '../../src/core/connectors/types';
import type { SourceStatus } from '../../src/shared/model';

/** A SourceHealth that records what the connector reported. */
export function recordingHealth(): SourceHealth & { info: Record<string, unknown>; statuses: [SourceStatus, string | null][]; rejects: string[]; unknowns: string[] } {
  const h = {
    status: 'connecting' as SourceStatus,
    info: {} as Record<string, unknown>,
    statuses: [] as [SourceStatus, string | null][],
    rejects: [] as string[],
    unknowns: [] as string[],
    setStatus(status: SourceStatus, error?: string | null) {
      h.status = status;
      h.statuses.push([status, error ?? null]);
    },
    setMode() {},
    setInfo(key: string, value: unknown) {
      h.info[key] = value;
    },
    rejected(reason: string) {
      h.rejects.push(reason);
    },
    unknown(what: string) {
      h.unknowns.push(what);
    },
  };
  return h;
}

import { describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/clock';
import { TokenManager, tokenUrl } from '../../src/core/connectors/avaya/auth';
import { AxpApi } from '../../src/core/connectors/avaya/api';
import { ConnectorError } from '../../src/core/connectors/errors';
import { BASE, ScriptedFetch, TOKEN_RE, tokenEndpoint } from './avaya-fakes';

function setup(lifetimeSec = 900) {
  const clock = new FakeClock();
  const f = new ScriptedFetch();
  const endpoint = tokenEndpoint(f, lifetimeSec);
  const http = { fetch: f.fetch, clock, appKey: 'app-key-123', timeoutMs: 15_000 };
  const tokens = new TokenManager(http, tokenUrl(BASE, 'ABCDEF'), 'client-1', 'very-secret-1');
  return { clock, f, endpoint, http, tokens };
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a failure');
}

describe('Avaya tokens', () => {
  it('posts form-encoded client credentials with the appkey header', async () => {
    const { f, tokens } = setup();
    const t = await tokens.get();
    expect(t.value).toBe('tok-1-abcdef');
    const call = f.calls[0]!;
    expect(call.url).toBe(`${BASE}/api/auth/v1/ABCDEF/protocol/openid-connect/token`);
    expect(call.method).toBe('POST');
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.headers.appkey).toBe('app-key-123');
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({ grant_type: 'client_credentials', client_id: 'client-1', client_secret: 'very-secret-1' });
  });

  it('shares one request between concurrent callers and refreshes at 80 % of the lifetime', async () => {
    const { clock, f, tokens } = setup(900);
    const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
    expect(a).toBe(b);
    expect(f.count(TOKEN_RE)).toBe(1);
    await clock.advance(719_000);
    expect((await tokens.get()).value).toBe('tok-1-abcdef');
    await clock.advance(1_000);
    expect((await tokens.get()).value).toBe('tok-2-abcdef');
    expect(tokens.issued).toBe(2);
  });

  it('gives a newer token on demand and after invalidation', async () => {
    const { clock, tokens } = setup();
    const first = await tokens.get();
    expect((await tokens.get(undefined, { newerThan: first.issuedAt - 1 })).value).toBe(first.value);
    await clock.advance(1000);
    const second = await tokens.get(undefined, { newerThan: first.issuedAt });
    expect(second.value).not.toBe(first.value);
    tokens.invalidate(second.value);
    expect((await tokens.get()).value).toBe('tok-3-abcdef');
    expect(tokens.peek()?.value).toBe('tok-3-abcdef');
  });

  it('classifies token endpoint failures and shows the OAuth error without the secret', async () => {
    const { f, tokens, clock } = setup();
    f.on(TOKEN_RE, { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client credentials very-secret-1' } });
    const auth = await failure(tokens.get());
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('401 invalid_client: Invalid client credentials');
    expect(auth.message).toContain('check the client id, client secret and app key');
    f.on(TOKEN_RE, { status: 404, body: { error: 'Realm does not exist' } });
    expect((await failure(tokens.get())).kind).toBe('config');
    f.on(TOKEN_RE, { status: 503, body: { title: 'Service Unavailable', detail: 'maintenance' } });
    const transient = await failure(tokens.get());
    expect(transient.kind).toBe('transient');
    expect(transient.message).toContain('503 Service Unavailable: maintenance');
    f.on(TOKEN_RE, { status: 429, body: { title: 'Too Many Requests' }, headers: { 'retry-after': '30' } });
    const limited = await failure(tokens.get());
    expect(limited.kind).toBe('rate_limit');
    expect(limited.retryAt).toBe(clock.now() + 30_000);
    f.on(TOKEN_RE, 'network-error');
    const net = await failure(tokens.get());
    expect(net.message).toContain('could not reach eu.api.avayacloud.com (ECONNREFUSED)');
    f.on(TOKEN_RE, { status: 200, body: { token_type: 'Bearer' } });
    expect((await failure(tokens.get())).message).toContain('without an access_token');
  });

  it('gives up on a silent server after the request timeout (on the injected clock)', async () => {
    const { f, tokens, clock } = setup();
    f.on(TOKEN_RE, 'hang');
    const p = failure(tokens.get());
    await clock.advance(15_000);
    const e = await p;
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('no answer within 15 s');
  });

  it('retries an API call once with a new token after a 401, then reports the refusal', async () => {
    const { f, tokens, http } = setup();
    const api = new AxpApi(http, tokens, BASE, 'ABCDEF');
    let n = 0;
    f.on(/GET .*measure-producers\/P1$/, () => (++n === 1 ? { status: 401, body: { title: 'Unauthorized' } } : { status: 200, body: { measures: [] } }));
    expect((await api.producer('P1')).status).toBe(200);
    const calls = f.calls.filter((c) => c.url.endsWith('/P1'));
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer tok-1-abcdef', 'Bearer tok-2-abcdef']);
    expect(calls.every((c) => c.headers.appkey === 'app-key-123')).toBe(true);
    f.on(/GET .*measure-producers\/P2$/, { status: 401, body: { title: 'Unauthorized', detail: 'token expired' } });
    const e = await failure(api.producer('P2'));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('401 Unauthorized: token expired');
  });
});

/**
 * "Test connection": obtain a token and read the configured measure producers, without creating a
 * subscription (nothing changes on the AXP side) and without touching the live state.
 */
import type { TestResult } from '../../../shared/bridge';
import type { AvayaSourceConfig } from '../../../shared/sources';
import { registerSecret } from '../../util/redact';
import { classify, failedTest } from '../errors';
import type { ConnectorContext } from '../types';
import { AxpApi } from './api';
import { TokenManager, tokenUrl } from './auth';
import { parseProducerMeasures } from './catalog';
import { LABEL, resolveSettings } from './config';
import { describe } from './http';
import { problem } from '../../../shared/problems';
import { said, type Said } from '../../../shared/test-outcomes';

export async function testConnection(ctx: ConnectorContext<AvayaSourceConfig>): Promise<TestResult> {
  const s = resolveSettings(ctx.config, ctx.factories);
  for (const secret of [s.clientSecret, s.appKey]) registerSecret(secret);
  const http = { fetch: ctx.fetch, clock: ctx.clock, appKey: s.appKey, timeoutMs: s.timings.requestTimeoutMs };
  const tokens = new TokenManager(http, tokenUrl(s.baseUrl, s.accountId), s.clientId, s.clientSecret);
  const api = new AxpApi(http, tokens, s.baseUrl, s.accountId);
  const details: Record<string, string | number | boolean | null> = { apiBaseUrl: s.baseUrl, accountId: s.accountId };
  let token;
  try {
    token = await tokens.get();
  } catch (e) {
    return failedTest(e, details);
  }
  details.tokenLifetimeSec = Math.round((token.expiresAt - token.issuedAt) / 1000);
  const found: string[] = [];
  const missing: string[] = [];
  /** Producers whose measures could not be listed, and why. */
  const unavailable: { id: string; why: string }[] = [];
  for (const producerId of s.producers) {
    try {
      const { status, body } = await api.producer(producerId);
      if (status >= 200 && status < 300) {
        const n = parseProducerMeasures(body).size;
        details[`producer.${producerId}`] = n;
        found.push(producerId);
      } else if (status === 404) {
        missing.push(producerId);
        details[`producer.${producerId}`] = 'not found';
      } else {
        unavailable.push({ id: producerId, why: describe(status, body) });
      }
    } catch (e) {
      unavailable.push({ id: producerId, why: classify(e).message });
    }
  }
  if (missing.length) {
    return {
      ok: false,
      message: `${LABEL}: signed in to account ${s.accountId}, but the measure producer${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not exist: check the producers in the Sources view`,
      problem: problem('producers_missing', { producers: missing.join(', '), count: missing.length }),
      details,
    };
  }
  const parts = [`${LABEL}: signed in to account ${s.accountId} (token valid ${details.tokenLifetimeSec} s)`];
  const notes: Said[] = [];
  if (found.length) {
    parts.push(`measure producers ${found.map((id) => `${id} (${details[`producer.${id}`]} measures)`).join(', ')}`);
    notes.push(said('avaya_producers', { producers: found.join(', '), count: found.length }));
  }
  if (unavailable.length) {
    parts.push(`producer discovery unavailable (${unavailable.map((u) => `${u.id}: ${u.why}`).join('; ')}); subscriptions will still be tried`);
    notes.push(said('avaya_discovery_unavailable', { producers: unavailable.map((u) => u.id).join(', ') }));
  }
  const summary = said('avaya', { account: s.accountId, seconds: details.tokenLifetimeSec as number });
  return { ok: true, message: `${parts.join('; ')}.`, summary, notes, details };
}

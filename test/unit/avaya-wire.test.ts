import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AuthResponseSchema, DataFrameSchema, SubscriptionSchema, TokenResponseSchema, canonical } from '../../src/core/connectors/avaya/wire';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { describe as describeProblem } from '../../src/core/connectors/avaya/http';
import { apiBase, resolveSettings, DEFAULT_TIMINGS } from '../../src/core/connectors/avaya/config';
import { AvayaSourceSchema } from '../../src/shared/sources';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/avaya/${name}`, import.meta.url), 'utf8'));
const variants = fixture('variants.json') as { malformed: string[]; unknownEvent: unknown };

describe('Avaya wire schemas', () => {
  it('parses both seed data frames', () => {
    const agent = DataFrameSchema.parse(fixture('seed-agent-live.json'));
    expect(agent).toMatchObject({ accountId: 'EZCLTR', eventAction: 'UPSERT', payloadType: 'LIVE', keys: { agentId: '9f44ed4e-24ee-4e50-98af-02582e440be5' } });
    expect(agent.measures.agentState).toBe('READY');
    const queue = DataFrameSchema.parse(fixture('seed-queue-initializing.json'));
    expect(queue.payloadType).toBe('INITIALIZING');
    expect(queue.measures.Offered).toBe('4');
  });

  it('rejects frames without usable keys or with the wrong shapes', () => {
    let rejected = 0;
    for (const text of variants.malformed) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        rejected++;
        continue;
      }
      if (!DataFrameSchema.safeParse(json).success) rejected++;
    }
    expect(rejected).toBe(variants.malformed.length);
  });

  it('defaults a missing action/payload type to a LIVE UPSERT and drops nested measure values', () => {
    const f = DataFrameSchema.parse({ keys: { agentId: 1 }, measures: { a: { nested: true }, b: 2, c: '' } });
    expect(f).toMatchObject({ eventAction: 'UPSERT', payloadType: 'LIVE', keys: { agentId: '1' }, measures: { b: '2', c: null } });
    expect(f.measures).not.toHaveProperty('a');
  });

  it('compares the authentication response case- and underscore-insensitively', () => {
    const auth = fixture('seed-auth.json') as Record<string, { event: string; status: string }>;
    for (const key of ['authenticationResponse', 'productionVariant']) {
      const r = AuthResponseSchema.parse(auth[key]);
      expect(canonical(r.event)).toBe('AUTHENTICATIONRESPONSE');
      expect(canonical(r.status!)).toBe('CONNECTIONCONFIRMED');
    }
  });

  it('reads token and subscription responses leniently', () => {
    expect(TokenResponseSchema.parse({ access_token: 'abc', expires_in: '900' }).expires_in).toBe(900);
    expect(TokenResponseSchema.safeParse({ expires_in: 900 }).success).toBe(false);
    const flat = SubscriptionSchema.parse({ subscriptionId: 's1', status: 'active', expiresIn: '899', transport: { endpoint: 'wss://x/ws/notification', pingInterval: 300 } });
    expect(flat).toEqual({ id: 's1', status: 'ACTIVE', expiresIn: 899, endpoint: 'wss://x/ws/notification', pingIntervalSec: 300 });
    const wrapped = SubscriptionSchema.parse({ subscription: { id: 's2', status: 'PENDING' } });
    expect(wrapped).toMatchObject({ id: 's2', status: 'PENDING', endpoint: null, expiresIn: null });
  });

  it('describes problem+json and OAuth errors without secrets', () => {
    expect(describeProblem(403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Application key is not valid' })).toBe('403 Forbidden: Application key is not valid');
    expect(describeProblem(401, { error: 'invalid_client', error_description: 'Invalid client credentials' })).toBe('401 invalid_client: Invalid client credentials');
    expect(describeProblem(400, { title: 'Bad', detail: 'token=abcdef123456 refused' })).not.toContain('abcdef123456');
    expect(describeProblem(502, '<html><body>Bad gateway</body></html>')).toBe('502 Bad gateway');
    expect(describeProblem(500, null)).toBe('HTTP 500');
  });

  it('reads the measure catalog of producer discovery, skipping unusable entries', () => {
    const catalog = parseProducerMeasures(fixture('producer-discovery.json'));
    expect(catalog.size).toBe(6);
    expect(catalog.get('timeinstate')).toMatchObject({ name: 'timeInState', type: 'TIME_IN_STATE', displayName: 'Time in State' });
    expect(catalog.get('idletimeduration')?.type).toBe('DURATION');
    expect(parseProducerMeasures('nonsense').size).toBe(0);
  });
});

describe('Avaya settings', () => {
  const base = { id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: 's', appKey: 'k' };

  it('derives the API base from apiBaseUrl, region or the default region', () => {
    expect(apiBase({ apiBaseUrl: 'https://uk.api.avayacloud.com/api/' })).toBe('https://uk.api.avayacloud.com');
    expect(apiBase({ region: 'NA' })).toBe('https://na.api.avayacloud.com');
    expect(apiBase({})).toBe('https://eu.api.avayacloud.com');
    expect(apiBase({ apiBaseUrl: 'http://127.0.0.1:4000', region: 'eu' })).toBe('http://127.0.0.1:4000');
  });

  it('applies the documented defaults and accepts test timings', () => {
    const cfg = AvayaSourceSchema.parse(base);
    const s = resolveSettings(cfg, { avayaTimings: { pendingPollMs: 5 } });
    expect(s.producers).toEqual(['Agent_itd_1.0.0', 'Queue_itd_1.0.0']);
    expect(s.pingSec).toBe(30);
    expect(s.timings).toEqual({ ...DEFAULT_TIMINGS, pendingPollMs: 5 });
    expect(resolveSettings(AvayaSourceSchema.parse({ ...base, producers: [' A ', 'A', 'B'], pingSec: 5 }), {})).toMatchObject({ producers: ['A', 'B'], pingSec: 5 });
  });
});

/**
 * The subscription's answer names the WebSocket endpoint the connector opens, and that socket carries
 * the app key and the access token: an endpoint off the API's own hosts is never opened.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../../src/core/engine';
import { avayaFactory } from '../../src/core/connectors/avaya';
import { endpointProblem } from '../../src/core/connectors/avaya/config';
import { memoryLogger } from '../../src/core/util/logger';
import { AvayaSourceSchema } from '../../src/shared/sources';
import { startAvayaSimulator, type AvayaSimulator } from '../../src/simulators/avaya';
import { FAST, seedTeam, waitFor, pause } from './avaya-harness';

let sim: AvayaSimulator | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  await sim?.stop();
  engine = null;
  sim = null;
});

describe('the stream endpoint a subscription names', () => {
  it('is opened only on the API’s own site, over wss:// (ws:// for loopback or when the source allows it)', () => {
    const api = 'https://eu.api.avayacloud.com';
    expect(endpointProblem('wss://eu.api.avayacloud.com/api/realtime/v1/ws', api, false)).toBeNull();
    expect(endpointProblem('wss://ws-eu.cc.avayacloud.com/notify', api, false)).toBeNull();
    expect(endpointProblem('wss://avayacloud.com.evil.example/ws', api, false)).toMatchObject({ host: 'avayacloud.com.evil.example' });
    expect(endpointProblem('wss://evil-avayacloud.com/ws', api, false)).toMatchObject({ reason: "it is not on the API's site (avayacloud.com)" });
    expect(endpointProblem('ws://eu.api.avayacloud.com/ws', api, false)).toMatchObject({ reason: 'plain ws:// is only allowed for loopback hosts' });
    expect(endpointProblem('ws://eu.api.avayacloud.com/ws', api, true)).toBeNull();
    expect(endpointProblem('https://eu.api.avayacloud.com/ws', api, false)).toMatchObject({ reason: 'it is not a ws:// or wss:// address' });
    expect(endpointProblem('not a url', api, false)).toMatchObject({ host: '?' });
    // A local server: loopback names and addresses are one site, any port.
    expect(endpointProblem('ws://127.0.0.1:4567/ws/notification', 'http://localhost:4000', false)).toBeNull();
    expect(endpointProblem('ws://10.0.0.7:4567/ws', 'http://127.0.0.1:4000', true)).toMatchObject({ host: '10.0.0.7' });
    expect(endpointProblem('wss://10.0.0.8/ws', 'https://10.0.0.7', false)).toMatchObject({ reason: "it is not on the API's site (10.0.0.7)" });
  });

  it('an endpoint on another host gets neither the app key nor the token, and the source says why', async () => {
    sim = await startAvayaSimulator();
    seedTeam(sim);
    // What a tampered subscription answer would announce. The factory only records what it is asked
    // to open, and goes to the loopback simulator instead: nothing leaves the machine.
    sim.publicOrigin = 'http://attacker.example:9';
    const asked: string[] = [];
    const local = sim.url.replace(/^http/, 'ws');
    const factory = (url: string, headers: Record<string, string>) => {
      asked.push(url);
      return new WebSocket(`${local}/ws/notification`, { headers });
    };
    const logger = memoryLogger();
    engine = new Engine({ registry: { avaya: avayaFactory }, logger, factories: { avayaTimings: FAST, avayaWebSocket: factory } });
    engine.start([
      AvayaSourceSchema.parse({ id: 'av', vendor: 'avaya', apiBaseUrl: sim.url, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret, appKey: sim.appKey }),
    ]);
    const source = await waitFor(() => engine!.snapshot().sources.find((s) => s.problem?.code === 'stream_endpoint_refused'), 'the refusal');
    expect(source.status).toBe('down');
    expect(source.problem).toEqual({ code: 'stream_endpoint_refused', params: { host: 'attacker.example' } });
    expect(source.lastError).toContain('names a WebSocket endpoint on attacker.example, which was not opened');
    await pause(300);
    expect(asked).toEqual([]);
    expect(sim.authMessages).toHaveLength(0);
  });
});

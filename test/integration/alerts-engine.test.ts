/**
 * A real Engine (live state, connector lifecycle, patches, command handler) with a scripted connector:
 * an agent's latency degrades and recovers, a feed is lost and found, a vendor raises a queue alert;
 * the notifier sees exactly the notifications a lead should get, and commands act on the alerts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../fakes/clock';
import { RecordingNotifier } from '../fakes/notifier';
import { Engine } from '../../src/core/engine';
import { createCommandHandler } from '../../src/core/commands';
import type { SettingsHost } from '../../src/core/settings/host';
import type { ConnectorContext, ConnectorRegistry } from '../../src/core/connectors/types';
import type { NormalizedEvent } from '../../src/core/state/events';
import { memoryLogger } from '../../src/core/util/logger';
import { AlertSettingsSchema, SettingsSchema } from '../../src/shared/settings';
import { SourceConfigSchema } from '../../src/shared/sources';
import type { Alert, Patch } from '../../src/shared/model';
import { buildTrayModel } from '../../src/core/tray/build';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alerts-engine-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const clock = new FakeClock(T0);
  const notifier = new RecordingNotifier();
  const contexts = new Map<string, ConnectorContext>();
  const registry: ConnectorRegistry = {
    wolkvox: {
      vendor: 'wolkvox',
      create: (ctx) => ({
        start() {
          contexts.set(ctx.sourceId, ctx as ConnectorContext);
          ctx.health.setStatus('live');
          ctx.emit([{ type: 'agent', id: '1001', set: { name: 'Ana', state: 'available' } }]);
        },
        stop: async () => {
          contexts.delete(ctx.sourceId);
        },
        check() {},
      }),
      test: async () => ({ ok: true, message: '' }),
    },
  };
  const historyPath = join(dir, 'alert-history.json');
  const engine = new Engine({
    clock,
    registry,
    notifier,
    logger: memoryLogger(),
    alertSettings: AlertSettingsSchema.parse({}),
    alertHistoryPath: historyPath,
  });
  const patches: Patch[] = [];
  engine.subscribe((p) => patches.push(p));
  engine.start([SourceConfigSchema.parse({ id: 'wv', vendor: 'wolkvox', name: 'Bogotá', server: '0031', token: 'tok-123456' })]);
  const ctx = () => contexts.get('wv')!;
  let seq = 0;
  const emit = (events: NormalizedEvent[]) => ctx().emit(events);
  const latency = (ms: number) =>
    emit([
      {
        type: 'agent',
        id: '1001',
        scope: 'latency',
        set: { network: { latencyMs: ms, txJitterMs: 3, rxJitterMs: 2, txLossPct: 0, rxLossPct: 0, rejectionPct: 0, ip: '190.1.2.3', sampledAt: clock.now() + ++seq } },
      },
    ]);
  const patchedAlerts = () => patches.flatMap((p) => p.upsert.alerts ?? []);
  const settingsHost: SettingsHost = {
    kind: 'collector',
    editable: false,
    secretStorage: () => 'env',
    get: () => SettingsSchema.parse({}),
    resolve: async (c) => c,
    saveSource: async () => undefined,
    removeSource: async () => undefined,
    update: async () => SettingsSchema.parse({}),
  };
  const commands = createCommandHandler({ engine, settings: settingsHost });
  return { clock, engine, notifier, ctx, emit, latency, patches, patchedAlerts, commands, historyPath };
}

describe('alert engine inside the Engine', () => {
  it('drives an agent latency alert to firing and back: one raise, one recovery, patches and a persisted history', async () => {
    const s = setup();
    const { clock, engine, notifier } = s;
    s.latency(420);
    await clock.advance(30_000);
    s.latency(430);
    // Storm grouping waits up to 10 s for alerts of the same rule.
    expect(notifier.sent).toHaveLength(0);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:1001']);
    expect(notifier.sent[0]!.body).toBe("Latency 430 ms ≥ 400 ms for 40 s — Ana (Wolkvox Bogotá) · check the agent's network or public IP 190.1.2.3");
    const firing = engine.alerts.list('firing');
    expect(firing.map((a) => a.id)).toEqual(['agent.latency|wv:1001']);
    expect(engine.snapshot().alerts.map((a) => `${a.id}:${a.state}`)).toEqual(['agent.latency|wv:1001:firing']);
    expect(s.patchedAlerts().map((a) => a.state)).toEqual(expect.arrayContaining(['pending', 'firing']));

    const tray = buildTrayModel(engine.snapshot(), { now: clock.now(), notificationsPaused: false });
    expect(tray).toMatchObject({ level: 'critical', title: '1' });
    expect(tray.tooltip).toBe('1 critical · Bogotá live');

    s.latency(90);
    await clock.advance(5_000);
    expect(engine.alerts.get('agent.latency|wv:1001')!.state).toBe('firing');
    s.latency(80);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:1001', 'recover:agent.latency|wv:1001']);
    expect(s.patchedAlerts().at(-1)).toMatchObject({ id: 'agent.latency|wv:1001', state: 'resolved' });
    expect(engine.alerts.history().map((a) => a.id)).toEqual(['agent.latency|wv:1001']);

    await engine.stop();
    const saved = JSON.parse(readFileSync(s.historyPath, 'utf8'));
    expect(saved.alerts.map((a: Alert) => `${a.id}:${a.state}`)).toEqual(['agent.latency|wv:1001:resolved']);
  });

  it('a lost feed suppresses entity alerts and becomes one source alert after 60 s; recovery is told once', async () => {
    const s = setup();
    const { clock, engine, notifier } = s;
    s.latency(500);
    s.latency(500);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:1001']);
    s.ctx().health.setStatus('down', 'Wolkvox refused the connection: check the network');
    await clock.advance(1000);
    expect(engine.alerts.get('agent.latency|wv:1001')!.suppressed).toBe(true);
    await clock.advance(60_000);
    const src = engine.alerts.get('source.down|wv')!;
    expect(src).toMatchObject({ state: 'firing', severity: 'critical', subject: { kind: 'source', key: 'wv' } });
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:1001', 'raise:source.down|wv']);
    expect(buildTrayModel(engine.snapshot(), { now: clock.now(), notificationsPaused: false }).level).toBe('stale');
    s.ctx().health.setStatus('live', null);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:agent.latency|wv:1001', 'raise:source.down|wv', 'recover:source.down|wv']);
    expect(engine.alerts.get('agent.latency|wv:1001')).toMatchObject({ state: 'firing', suppressed: false });
    await engine.stop();
  });

  it('vendor queue alerts, ack and snooze through the command handler answer the updated alerts', async () => {
    const s = setup();
    const { clock, engine, notifier, commands } = s;
    s.emit([
      { type: 'queue', id: '7', set: { name: 'Billing', waiting: 2 } },
      { type: 'vendor.alert', queueId: '7', metric: 'vendor.alert_file', validitySec: 120 },
    ]);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:vendor.alert_file|wv:7']);
    const acked = (await commands('alerts:ack', { id: 'vendor.alert_file|wv:7' })) as Alert;
    expect(acked).toMatchObject({ id: 'vendor.alert_file|wv:7', acknowledged: true, state: 'firing' });
    expect(await commands('alerts:ack', { id: 'nothing|here' })).toBeNull();
    s.latency(450);
    s.latency(450);
    const snoozed = (await commands('alerts:snooze', { minutes: 60, ruleId: 'agent.latency' })) as Alert[];
    expect(snoozed.map((a) => [a.id, a.snoozedUntil])).toEqual([['agent.latency|wv:1001', clock.now() + 3_600_000]]);
    await clock.advance(10_000);
    expect(notifier.summary()).toEqual(['raise:vendor.alert_file|wv:7']);
    const unsnoozed = (await commands('alerts:unsnooze', { ruleId: 'agent.latency' })) as Alert[];
    expect(unsnoozed[0]!.snoozedUntil).toBeNull();
    await clock.advance(111_000);
    expect(engine.alerts.get('vendor.alert_file|wv:7')!.state).toBe('resolved');
    expect(notifier.summary()).toEqual(['raise:vendor.alert_file|wv:7', 'recover:vendor.alert_file|wv:7']);
    const csv = (await commands('alerts:export-csv', undefined)) as string;
    expect(csv.split('\r\n')[1]).toMatch(/^agent\.latency\|wv:1001,agent\.latency,/);
    expect(csv).toContain('vendor.alert_file|wv:7,vendor.alert_file,vendor.alert_file,critical,resolved,queue,wv:7,Billing,wv,');
    expect(await commands('alerts:export-csv', { sourceId: 'wv' })).toBe(csv);
    expect(((await commands('alerts:export-csv', { sourceId: 'av' })) as string).split('\r\n').filter(Boolean)).toEqual([csv.split('\r\n')[0]]);
    expect(((await commands('alerts:history', { limit: 5 })) as Alert[]).map((a) => a.id)).toEqual(['vendor.alert_file|wv:7']);
    await engine.stop();
  });
});

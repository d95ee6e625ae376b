import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine';
import { wolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { memoryLogger } from '../../src/core/util/logger';
import { startDemoWolkvox } from '../../src/simulators/wolkvox';
import { tokenBudget } from '../../src/core/connectors/wolkvox/budget';
import { agentOf, FAST, rig, TOKEN, waitFor, wolkvoxConfig, type Rig } from './wolkvox-harness';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

describe('Wolkvox source against the simulator', () => {
  it('shows network quality, states, sites, lines and skills in the snapshot', async () => {
    r = await rig();
    r.engine.start([wolkvoxConfig(r.sim.url)]);
    const snap = await waitFor('all three reports', () => {
      const s = r!.engine.snapshot();
      return s.queues.length && s.sites.length && agentOf(s, 'wv:1001')?.network ? s : null;
    });
    const ana = agentOf(snap, 'wv:1001')!;
    expect(ana).toMatchObject({
      name: 'Ana Gómez',
      state: 'available',
      vendorState: 'Disponible',
      network: { latencyMs: 320, txJitterMs: 12, rxJitterMs: 41, txLossPct: 0, rxLossPct: 2.5, rejectionPct: 1.2, ip: '190.24.10.5', version: '5.2.1', connectionType: 'ethernet', platform: 'app' },
      extra: { agentsReportId: '1001', latencyReportId: '1001-Ana Gómez' },
    });
    expect(Math.abs(ana.stateSince! - (Date.now() - 90_000))).toBeLessThan(5_000);
    expect(snap.agents).toHaveLength(3);
    expect(agentOf(snap, 'wv:1003')).toMatchObject({ state: 'paused', pauseReason: 'Almuerzo' });
    expect(snap.sites.map((s) => s.ip).sort()).toEqual(['181.49.77.20', '190.24.10.5']);
    expect(snap.sites.find((s) => s.ip === '181.49.77.20')).toMatchObject({ agents: 2, avgLatencyMs: 58, maxLatencyMs: 70, minLatencyMs: 45 });
    // The site's figures are kept for its trends (Network → By site).
    const siteHistory = (metric: string) => r!.engine.history.get('wv:181.49.77.20', metric).map((p) => p.v);
    expect([siteHistory('siteLatency').at(-1), siteHistory('siteMaxLatency').at(-1)]).toEqual([58, 70]);
    expect(siteHistory('siteRejection')).toHaveLength(1);
    expect(snap.lines).toEqual([expect.objectContaining({ key: 'wv:troncal-bogota', txJitterMs: 3, txLossPct: 0.1 })]);
    expect(snap.queues[0]).toMatchObject({ key: 'wv:101', kind: 'skill', name: 'Ventas', waiting: 6, offered: 120, answered: 108, abandoned: 12, serviceLevelPct: 83.5, extra: { serviceLevel10Pct: 71, serviceLevel30Pct: 90, abandonRatePct: 10 } });
    const source = r.source();
    expect(source).toMatchObject({ status: 'live', lastError: null, counters: { rejected: 0 } });
    expect(source.info).toMatchObject({ projectedUsesPerDay: 3 * 86_400, server: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(source.info!.tokenUsesToday).toBeGreaterThanOrEqual(3);
  });

  it('follows changes: new values arrive, agents and skills no longer reported disappear', async () => {
    r = await rig();
    r.engine.start([wolkvoxConfig(r.sim.url)]);
    await waitFor('first poll', () => r!.engine.snapshot().queues.length);
    r.sim.team.setAgent('1002', { status: 'ACW', network: { latencyMs: 410 } });
    r.sim.team.agents.delete('1003');
    r.sim.team.skills.clear();
    const snap = await waitFor('the changes', () => {
      const s = r!.engine.snapshot();
      const carlos = agentOf(s, 'wv:1002');
      return carlos?.state === 'wrap_up' && carlos.network?.latencyMs === 410 && !agentOf(s, 'wv:1003') && s.queues.length === 0 ? s : null;
    });
    expect(snap.sites.find((s) => s.ip === '181.49.77.20')).toMatchObject({ agents: 1 });
    // Its trend follows (the second poll came within 10 s of the first: it took the newest row).
    expect(r.engine.history.get('wv:181.49.77.20', 'siteLatency').at(-1)?.v).toBe(snap.sites.find((s) => s.ip === '181.49.77.20')!.avgLatencyMs);
  });

  it('Test connection answers from the simulator without touching the live state', async () => {
    r = await rig();
    r.engine.start([]);
    const res = await r.engine.testSource(wolkvoxConfig(r.sim.url, { poll: undefined, licences: 4 }));
    expect(res).toMatchObject({ ok: true, details: { agents: 3, projectedUsesPerDay: 3168, quotaPerDay: 4000 } });
    expect(res.message).toMatch(/^Connected to Wolkvox at 127\.0\.0\.1:\d+: the agents report lists 3 agents\.$/);
    expect(res.summary).toEqual({ code: 'wolkvox', params: { host: res.details!.host, count: 3 } });
    expect(res.notes).toBeUndefined();
    expect(r.engine.snapshot().agents).toHaveLength(0);
    expect(r.sim.count('agents')).toBe(1);
  });

  it('never writes the token into the log, even when Wolkvox refuses it', async () => {
    r = await rig({ sim: { tokens: ['another-token-value'] } });
    r.engine.start([wolkvoxConfig(r.sim.url), wolkvoxConfig(r.sim.url, { id: 'wv2', poll: { ...FAST, agentsSec: 2 } })]);
    await waitFor('auth failure', () => r!.source().status === 'auth_failed' && r!.source('wv2').status === 'auth_failed');
    await r.engine.stop();
    expect(r.log.lines.length).toBeGreaterThan(3);
    expect(r.log.lines.join('\n')).not.toContain(TOKEN);
    expect(JSON.stringify(r.engine.snapshot())).not.toContain(TOKEN);
  });
});

describe('Wolkvox demo', () => {
  it('starts a live demo source on loopback and stops cleanly', async () => {
    const demo = await startDemoWolkvox();
    const engine = new Engine({ registry: { wolkvox: wolkvoxFactory }, logger: memoryLogger() });
    try {
      expect(demo.sources[0]).toMatchObject({ vendor: 'wolkvox', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      engine.start(demo.sources);
      const snap = await waitFor('demo data', () => {
        const s = engine.snapshot();
        return s.agents.length === 14 && s.queues.length === 3 && s.sites.length === 3 && s.agents.every((a) => a.network) ? s : null;
      });
      expect(snap.sources[0]).toMatchObject({ status: 'live', counters: { rejected: 0 }, info: { quotaWarning: null } });
      // the demo's quick polls fit its own quota: a first run shows no budget warning
      const [budget] = Object.values(tokenBudget(demo.sources));
      expect(budget!.projectedPerDay).toBeLessThanOrEqual(budget!.quotaPerDay!);
    } finally {
      await engine.stop();
      await demo.stop();
    }
  });
});

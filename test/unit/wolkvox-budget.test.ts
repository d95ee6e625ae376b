import { describe, expect, it } from 'vitest';
import { cadences, dailyQuota, projectedDailyUses, quotaWarning, tokenBudget, wolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { baseUrlFor, reportUrl, serverCode } from '../../src/core/connectors/wolkvox/url';
import { localDay, nextLocalMidnight, parseDurationSec, parseWolkvoxDate } from '../../src/core/connectors/wolkvox/time';
import { WolkvoxSourceSchema } from '../../src/shared/sources';

const cfg = (extra: Record<string, unknown> = {}) => WolkvoxSourceSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'secret-token', ...extra });

describe('Wolkvox token budget', () => {
  it('projects the default cadences (300/60/60 s) to 3168 uses per day', () => {
    expect(cadences(cfg())).toEqual({ latency: 300, agents: 60, skills: 60 });
    expect(projectedDailyUses(cfg())).toBe(288 + 1440 + 1440);
  });

  it('honours any cadence of at least 1 s without clamping', () => {
    expect(projectedDailyUses(cfg({ poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } }))).toBe(3 * 86_400);
    expect(projectedDailyUses(cfg({ poll: { latencySec: 600, agentsSec: 120, skillsSec: 7 } }))).toBe(144 + 720 + Math.ceil(86_400 / 7));
  });

  it('knows the quota only with licences, and warns when the projection exceeds it', () => {
    expect(dailyQuota(cfg())).toBeNull();
    expect(dailyQuota(cfg({ licences: 3 }))).toBe(3000);
    expect(quotaWarning(3168, null, false)).toBeNull();
    expect(quotaWarning(3000, 3000, false)).toBeNull();
    expect(quotaWarning(3168, 3000, false)).toMatch(/about 3168 uses per day but the quota is 3000.*the Sources view/);
    expect(quotaWarning(6336, 5000, true)).toMatch(/sources sharing this token/);
  });

  it('lists the budget of Wolkvox sources only, for the settings view', () => {
    const other = { id: 'ax', vendor: 'axialys' };
    expect(tokenBudget([cfg({ licences: 2 }), other])).toEqual({ wv: { projectedPerDay: 3168, quotaPerDay: 2000 } });
  });

  it('samples agents\' network and sites at the latency cadence, queues at the skills cadence (N-of-M defaults adapt to each)', () => {
    expect(wolkvoxFactory.sampleIntervalSec!(cfg())).toEqual({ network: 300, sites: 300, queues: 60 });
    expect(wolkvoxFactory.sampleIntervalSec!(cfg({ poll: { latencySec: 30, skillsSec: 300 } }))).toEqual({ network: 30, sites: 30, queues: 300 });
  });
});

describe('Wolkvox URLs', () => {
  it('builds the host from a bare code (zero-padded), a "wv" code, a host or a URL; baseUrl wins', () => {
    expect(baseUrlFor({ server: '0031' })).toBe('https://wv0031.wolkvox.com');
    expect(baseUrlFor({ server: '31' })).toBe('https://wv0031.wolkvox.com');
    expect(baseUrlFor({ server: 'wv9901' })).toBe('https://wv9901.wolkvox.com');
    expect(baseUrlFor({ server: 'wv0024.wolkvox.com' })).toBe('https://wv0024.wolkvox.com');
    expect(baseUrlFor({ server: 'https://wv0024.wolkvox.com/' })).toBe('https://wv0024.wolkvox.com');
    expect(baseUrlFor({ server: '0031', baseUrl: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000');
    expect(serverCode('0031')).toBe('0031');
    expect(serverCode('wv0024.wolkvox.com')).toBeNull();
  });

  it('asks for each report by its api query', () => {
    const base = 'https://wv0031.wolkvox.com';
    expect(reportUrl(base, 'latency')).toBe('https://wv0031.wolkvox.com/api/v2/real_time.php?api=latency');
    expect(reportUrl(base, 'agents')).toBe('https://wv0031.wolkvox.com/api/v2/real_time.php?api=agents');
    expect(reportUrl(base, 'skills')).toBe('https://wv0031.wolkvox.com/api/v2/real_time.php?api=skills&skill_id=all');
    expect(reportUrl('http://127.0.0.1:9/x/real_time.php', 'agents')).toBe('http://127.0.0.1:9/x/real_time.php?api=agents');
  });
});

describe('Wolkvox time values', () => {
  it('reads durations in seconds or HH:MM:SS', () => {
    expect([parseDurationSec(90), parseDurationSec('90'), parseDurationSec('01:02:03'), parseDurationSec('125:00:00'), parseDurationSec('02:30')]).toEqual([90, 90, 3723, 450_000, 150]);
    expect([parseDurationSec(''), parseDurationSec(-1), parseDurationSec('1h'), parseDurationSec(null)]).toEqual([null, null, null, null]);
  });

  it('reads local date-times in both orders, ISO with zone and epochs; rejects impossible dates', () => {
    const local = new Date(2026, 10, 21, 8, 58, 30).getTime();
    expect(parseWolkvoxDate('2026-11-21 08:58:30')).toBe(local);
    expect(parseWolkvoxDate('21/11/2026 08:58:30')).toBe(local);
    expect(parseWolkvoxDate('2026-11-21T08:58:30Z')).toBe(Date.UTC(2026, 10, 21, 8, 58, 30));
    expect(parseWolkvoxDate(1_795_000_000)).toBe(1_795_000_000_000);
    expect(parseWolkvoxDate('1795000000000')).toBe(1_795_000_000_000);
    expect([parseWolkvoxDate(''), parseWolkvoxDate('0000-00-00 00:00:00'), parseWolkvoxDate('ayer'), parseWolkvoxDate(12)]).toEqual([null, null, null, null]);
  });

  it('finds the next local midnight and the local day', () => {
    const t = new Date(2026, 10, 21, 23, 59, 59).getTime();
    expect(nextLocalMidnight(t)).toBe(new Date(2026, 10, 22, 0, 0, 0).getTime());
    expect(localDay(t)).toBe('2026-11-21');
    expect(localDay(nextLocalMidnight(t))).toBe('2026-11-22');
  });
});

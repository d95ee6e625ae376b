import { describe, expect, it } from 'vitest';
import { cadences, dailyQuota, projectedDailyUses, quotaWarning, tokenBudget, wolkvoxFactory } from '../../src/core/connectors/wolkvox';
import { baseUrlFor, reportUrl, serverCode } from '../../src/core/connectors/wolkvox/url';
import { dayIn, localDay, nextLocalMidnight, nextMidnight, parseDurationSec, parseWolkvoxDate } from '../../src/core/connectors/wolkvox/time';
import { zoneOffsetMs } from '../../src/shared/zones';
import { TokenLane } from '../../src/core/connectors/wolkvox/lane';
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

  it('reads wall-clock dates in the source\'s time zone, whatever this computer\'s is', () => {
    const at = (v: string, zone: string) => new Date(parseWolkvoxDate(v, zone)!).toISOString();
    expect(at('2026-11-21 10:00:00', 'America/Bogota')).toBe('2026-11-21T15:00:00.000Z');
    expect(at('21/11/2026 08:58:30', 'Asia/Kolkata')).toBe('2026-11-21T03:28:30.000Z');
    expect(at('2026-11-21 08:58:30', 'UTC')).toBe('2026-11-21T08:58:30.000Z');
    // A date with its own zone, or an epoch, is what it says.
    expect(parseWolkvoxDate('2026-11-21T08:58:30Z', 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 21, 8, 58, 30));
    expect(parseWolkvoxDate(1_795_000_000, 'Asia/Tokyo')).toBe(1_795_000_000_000);
    // The same text read in another zone is another instant (the last text read is remembered per zone).
    expect(at('2026-11-21 10:00:00', 'Europe/Madrid')).toBe('2026-11-21T09:00:00.000Z');
    expect(at('2026-11-21 10:00:00', 'America/Bogota')).toBe('2026-11-21T15:00:00.000Z');
    // A day the month does not have is not a date, in any zone.
    expect([parseWolkvoxDate('2026-02-29 10:00:00', 'UTC'), parseWolkvoxDate('31/04/2026 10:00', 'UTC'), parseWolkvoxDate('2026-02-30 10:00:00'), parseWolkvoxDate('2026-13-01 10:00:00', 'UTC')]).toEqual([null, null, null, null]);
    expect(at('2028-02-29 10:00:00', 'UTC')).toBe('2028-02-29T10:00:00.000Z');
  });

  it('reads the hours around a change of summer time as the clocks there showed them', () => {
    const at = (v: string, zone: string) => new Date(parseWolkvoxDate(v, zone)!).toISOString();
    // New York springs forward at 02:00 (07:00 UTC): 02:30 does not exist and reads as 03:30, as Date does.
    expect(at('2026-03-08 01:30:00', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z');
    expect(at('2026-03-08 02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(at('2026-03-08 03:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // It falls back at 02:00 (06:00 UTC): 01:30 is shown twice and reads as the first; every minute of that hour too.
    expect(at('2026-11-01 01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-11-01 01:59:59', 'America/New_York')).toBe('2026-11-01T05:59:59.000Z');
    expect(at('2026-11-01 02:30:00', 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
    // Madrid, both ways.
    expect(at('2026-03-29 02:30:00', 'Europe/Madrid')).toBe('2026-03-29T01:30:00.000Z');
    expect(at('2026-03-29 03:30:00', 'Europe/Madrid')).toBe('2026-03-29T01:30:00.000Z');
    expect(at('2026-10-25 02:30:00', 'Europe/Madrid')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25 03:30:00', 'Europe/Madrid')).toBe('2026-10-25T02:30:00.000Z');
    // Read at a poll in the second pass of the repeated hour, a time shown twice is the later reading
    // not in the future (in either zone mode); before it, the first.
    const poll = Date.UTC(2026, 9, 25, 1, 40);
    expect(new Date(parseWolkvoxDate('2026-10-25 02:38:00', 'Europe/Madrid', poll)!).toISOString()).toBe('2026-10-25T01:38:00.000Z');
    expect(new Date(parseWolkvoxDate('2026-10-25 02:38:00', 'Europe/Madrid', Date.UTC(2026, 9, 25, 0, 40))!).toISOString()).toBe('2026-10-25T00:38:00.000Z');
    expect(new Date(parseWolkvoxDate('2026-11-01 01:30:00', 'America/New_York', Date.UTC(2026, 10, 1, 7))!).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    // An hour only partly shown twice (Chatham goes back from +13:45 to +12:45 at 03:45): read the
    // same whatever was read before it.
    const chatham = (v: string) => new Date(parseWolkvoxDate(v, 'Pacific/Chatham')!).toISOString();
    const cold = chatham('2026-04-05 03:10:00');
    chatham('2026-04-05 03:50:00');
    expect(chatham('2026-04-05 03:10:00')).toBe(cold);
    // Half-hour zones.
    expect(zoneOffsetMs(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('finds midnight and the day in the source\'s time zone for the token quota', () => {
    const t = Date.UTC(2026, 10, 21, 3, 0, 0); // 22:00 on the 20th in Bogotá, noon in Tokyo
    expect(new Date(nextMidnight(t, 'America/Bogota')).toISOString()).toBe('2026-11-21T05:00:00.000Z');
    expect(new Date(nextMidnight(t, 'Asia/Tokyo')).toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect([dayIn(t, 'America/Bogota'), dayIn(t, 'Asia/Tokyo')]).toEqual(['2026-11-20', '2026-11-21']);
    // A day of 23 hours: Madrid's next midnight after the clocks went forward.
    expect(new Date(nextMidnight(Date.UTC(2026, 2, 28, 23, 30), 'Europe/Madrid')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Without a zone, this computer's.
    expect(nextMidnight(t)).toBe(nextLocalMidnight(t));
    expect(dayIn(t)).toBe(localDay(t));
  });

  it("counts the token's uses per day of its sources' time zone, whoever counts them", () => {
    const lane = new TokenLane();
    const member = (timeZone?: string) => ({ projected: 0, timeZone, onUses: () => undefined, onBudget: () => undefined });
    expect(lane.join('a', member('America/Bogota'))).toEqual([]);
    const evening = Date.UTC(2026, 10, 21, 4, 0, 0); // 23:00 on the 20th in Bogotá
    lane.countUse(evening);
    lane.countUse(evening + 30 * 60_000);
    expect(lane.usesToday(evening + 59 * 60_000)).toBe(2);
    // Bogotá's midnight (05:00 UTC) starts a new day.
    expect(lane.usesToday(evening + 61 * 60_000)).toBe(0);
    // A second source on the token with the same zone shares the count; one with another is named.
    expect(lane.join('b', member('America/Bogota'))).toEqual([]);
    lane.countUse(evening + 62 * 60_000);
    expect(lane.usesToday(evening + 63 * 60_000)).toBe(1);
    expect(lane.join('c', member(undefined))).toEqual(['America/Bogota']);
    expect(lane.timeZone).toBeUndefined();
    lane.leave('c');
    expect(lane.timeZone).toBe('America/Bogota');
  });
});

/**
 * A Wolkvox account whose reports write their dates in another time zone than the monitor's computer:
 * the source says so, and read in the zone set on the source, its measurements are dated right.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agentOf, rig, waitFor, wolkvoxConfig, type Rig } from './wolkvox-harness';
import { WolkvoxSourceSchema } from '../../src/shared/sources';

let r: Rig | null = null;
let measuring: ReturnType<typeof setInterval> | undefined;
afterEach(async () => {
  clearInterval(measuring);
  await r?.stop();
  r = null;
});

/** Minutes a zone's clock is ahead of this computer's now. */
function aheadOfHere(zone: string): number {
  const now = Date.now();
  const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
  const [d, t] = wall.split(' ');
  const [y, mo, da] = d!.split('-').map(Number);
  const [h, mi, s] = t!.split(':').map(Number);
  return Math.round((new Date(y!, mo! - 1, da!, h!, mi!, s!).getTime() - now) / 60_000);
}

// Zones at least two hours from this computer's (one of them is, wherever it is): behind and ahead of it in UTC.
const ZONES = ['America/Bogota', 'Asia/Tokyo'].filter((z) => Math.abs(aheadOfHere(z)) >= 120);
const ZONE = ZONES[0]!;

describe('Wolkvox report dates in another time zone', () => {
  it.each(ZONES)('without the zone set, the source says how far off the dates are (%s)', async (zone) => {
    const AHEAD = aheadOfHere(zone);
    r = await rig({ sim: { timeZone: zone } });
    // Measurements keep coming, as on a working floor (a zone is only blamed then).
    measuring = setInterval(() => r?.sim.team.setAgent('1002', { network: { latencyMs: 40 + Math.round(Math.random() * 20) } }), 200);
    r.engine.start([wolkvoxConfig(r.sim.url)]);
    const info = await waitFor('the dates warning', () => (r!.source().info?.clockWarning ? r!.source().info : null));
    expect(Math.abs((info!.reportClockOffsetMin as number) - AHEAD)).toBeLessThanOrEqual(1);
    expect(info!.clockWarning).toMatch(new RegExp(`^Wolkvox dates the newest network measurement of a connected agent \\d+ h \\d+ min ${AHEAD < 0 ? 'before' : 'after'} this computer's clock: check the source's time zone \\(now this computer's, `));
    expect(info!.timeZone).toMatch(/ \(this computer\)$/);
    expect(r.source().status).toBe('live');
    // Read in this computer's zone, a date behind it files the sample hours back; one ahead of it is
    // not believed (the poll's time is used).
    const taken = r.sim.team.agents.get('1001')!.lastDate;
    const dated = agentOf(r.engine.snapshot(), 'wv:1001')!.network!.sampledAt!;
    if (AHEAD < 0) expect(Math.round((dated - taken) / 60_000)).toBe(AHEAD);
    else expect(dated).toBeGreaterThan(taken);
    // Said once in the log, not at every poll.
    await waitFor('more latency polls', () => r!.sim.count('latency') >= 3);
    expect(r.log.records.filter((e) => e.level === 'warn' && e.msg.includes('dates the newest network measurement'))).toHaveLength(1);
  });

  it('with the zone set, measurements are dated when they were taken and nothing is said', async () => {
    r = await rig({ sim: { timeZone: ZONE } });
    r.engine.start([wolkvoxConfig(r.sim.url, { timeZone: ZONE })]);
    const ana = await waitFor('a network sample', () => agentOf(r!.engine.snapshot(), 'wv:1001')?.network);
    await waitFor('more latency polls', () => r!.sim.count('latency') >= 2);
    // The simulator dates a measurement when it is taken (at the team's creation here), to the second.
    expect(Math.abs(ana.sampledAt! - r.sim.team.agents.get('1001')!.lastDate)).toBeLessThan(1_000);
    expect(Date.now() - ana.sampledAt!).toBeLessThan(60_000);
    const history = r.engine.history.get('wv:1001', 'latency');
    expect(Math.abs(history.at(-1)!.t - Date.now())).toBeLessThan(60_000);
    const info = r.source().info!;
    expect(info.timeZone).toBe(ZONE);
    expect(info.clockWarning ?? null).toBeNull();
    expect(r.log.records.some((e) => e.msg.includes('dates the newest network measurement'))).toBe(false);
  });

  it('refuses a zone the runtime does not know, saying what it wants; keeps a known one in its own spelling', () => {
    const bad = WolkvoxSourceSchema.safeParse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: 't', timeZone: 'Bogota' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['timeZone'], message: 'an IANA time zone such as "America/Bogota"' });
    const zoneOf = (timeZone: string) => WolkvoxSourceSchema.parse({ id: 'wv', vendor: 'wolkvox', server: '0031', token: 't', timeZone }).timeZone;
    expect(zoneOf(' UTC ')).toBe('UTC');
    // Kept as the system spells it, whatever the case it was written in; empty means not set.
    expect(zoneOf('america/bogota')).toBe('America/Bogota');
    expect(zoneOf('')).toBeUndefined();
  });
});

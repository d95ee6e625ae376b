/**
 * Reports a Wolkvox server (or anything answering in its place) should never send: whatever they
 * hold, what is known stays, every bad record is counted, the log says it within a budget, and one
 * report cannot hold the engine for long.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pause, rig, waitFor, wolkvoxConfig, type Rig } from './wolkvox-harness';

let r: Rig | null = null;
afterEach(async () => {
  await r?.stop();
  r = null;
});

async function live(): Promise<Rig> {
  r = await rig();
  r.engine.start([wolkvoxConfig(r.sim.url)]);
  await waitFor('live with its agents and skill', () => {
    const s = r!.engine.snapshot();
    return s.sources[0]?.status === 'live' && s.agents.length === 3 && s.queues.length === 1 && s.sites.length > 0;
  });
  return r;
}

const keys = (rig: Rig) => {
  const s = rig.engine.snapshot();
  return { agents: s.agents.map((a) => a.key).sort(), queues: s.queues.map((q) => q.key).sort(), sites: s.sites.map((x) => x.key).sort() };
};

describe('Wolkvox reports that cannot be read', () => {
  it('a report whose records are all refused, or an empty object for a list, removes nothing and is counted', async () => {
    const rig = await live();
    const before = keys(rig);
    const rejected0 = rig.source().counters!.rejected;
    // The skills report with a renamed id field: every record refused.
    rig.sim.setBody('skills', { code: 200, data: [{ skillId: '101', skill_name: 'Ventas', calls_in_queue_now: 6 }] });
    rig.sim.setBody('agents', { code: 200, data: {} });
    rig.sim.setBody('latency', { code: 200, data: [{ by_agent: {}, by_ip: {}, by_pbx: [] }] });
    await waitFor('refusals counted', () => rig.source().counters!.rejected >= rejected0 + 3);
    await pause(1_300);
    expect(keys(rig)).toEqual(before);
    const lines = rig.log.lines.join('\n');
    expect(lines).toContain('rejected input: skills report: nothing in it could be read: skills[0]: skill_id');
    expect(lines).toContain('rejected input: agents report: the response holds no list of records');
    expect(lines).toContain('rejected input: latency report: nothing in it could be read: latency.by_agent is not a list (and 1 more refused)');
    // A good report afterwards still updates as before.
    rig.sim.setBody('skills', undefined);
    rig.sim.setBody('agents', undefined);
    rig.sim.setBody('latency', undefined);
    await waitFor('a clean poll', () => rig.log.lines.some((l, i) => i > 0 && l.includes('skills: 1 records, 0 rejected')));
    expect(keys(rig)).toEqual(before);
  });

  it('a report with some records refused keeps the entities whose records it could not read', async () => {
    const rig = await live();
    const before = keys(rig);
    // Agent 1003's record is broken; 1001 and 1002 read. 1003 is not removed for it.
    rig.sim.setBody('agents', {
      code: 200,
      data: [
        { agent_id: '1001', agent_name: 'Ana Gómez', agent_status: 'Disponible' },
        { agent_id: '1002', agent_name: 'Carlos Pérez', agent_status: 'En llamada' },
        { agent_id: { nested: true }, agent_name: 'Lucía Martínez' },
      ],
    });
    await waitFor('the refused record counted', () => rig.log.lines.some((l) => l.includes('rejected input: agents[2]')));
    await pause(300);
    expect(keys(rig).agents).toEqual(before.agents);
  });

  it('a huge report of bad records is refused whole, quickly, with a few log lines', async () => {
    const rig = await live();
    const before = keys(rig);
    const linesBefore = rig.log.lines.length;
    // How long the event loop is held: the longest gap between ticks of a 10 ms timer.
    let last = Date.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = Date.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    // 1 M empty records (about 3 MB): more than any account has agents.
    rig.sim.setBody('agents', `{"code":200,"data":[${'{},'.repeat(999_999)}{}]}`);
    // 20,000 bad records: read one by one, 20 of them described.
    rig.sim.setBody('skills', `{"code":200,"data":[${'{"x":1},'.repeat(19_999)}{"x":1}]}`);
    await waitFor('both refused', () => {
      const l = rig.log.lines.join('\n');
      return l.includes('agents report: it holds 1,000,000 records, more than the 100,000 read') && l.includes('skills report: nothing in it could be read: skills[0]: ') && l.includes('(and 19,999 more refused)');
    }, 8_000);
    clearInterval(ticker);
    // Refusing a report holds the engine for a moment, not for the seconds reading each record took
    // (11 s for this one when every refusal was written out): a generous bound against a noisy machine.
    expect(longest).toBeLessThan(4_000);
    expect(keys(rig)).toEqual(before);
    const written = rig.log.lines.slice(linesBefore).filter((l) => l.includes('rejected input'));
    expect(written.length).toBeLessThanOrEqual(20);
  });
});

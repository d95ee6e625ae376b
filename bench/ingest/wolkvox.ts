/**
 * Wolkvox: latency, agents and skills report bodies (built by the simulator's report builders from
 * a drifting team) through `pollReport` — the function the connector runs for every poll: the token
 * lane, the HTTP answer read (its bytes decoded) and JSON-decoded, refusal judging, lenient parsing and
 * normalize — then the connector's delivery (rejections counted, events emitted) into the engine. The
 * HTTP request itself is answered in-process with the report's bytes, encoded once beforehand (the
 * sender's work). One event is counted per agent or skill record.
 */
import type { WolkvoxSourceConfig } from '../../src/shared/sources';
import type { ConnectorContext } from '../../src/core/connectors/types';
import { pollReport } from '../../src/core/connectors/wolkvox/poll';
import { TokenLane } from '../../src/core/connectors/wolkvox/lane';
import type { Report } from '../../src/core/connectors/wolkvox/url';
import { systemClock } from '../../src/core/util/clock';
import { SimTeam, agentsBody, latencyBody, seeded, simAgent, simSkill, skillsBody, stepTeam } from '../../src/simulators/wolkvox';
import { Batcher, engineFor, sourceProblems, type IngestCase } from './common';

const STATUSES = ['Disponible', 'En llamada', 'ACW', 'Auxiliar - Almuerzo', 'En llamada', 'Disponible'];

function team(agents: number, skills: number, now: number): SimTeam {
  const rng = seeded(41);
  const sites = ['190.24.10.5', '181.49.77.20', '186.30.4.112', '200.1.2.3'];
  return new SimTeam({
    agents: Array.from({ length: agents }, (_, i) =>
      simAgent(
        {
          id: String(10_000 + i),
          name: `Agente ${i}`,
          status: STATUSES[i % STATUSES.length]!,
          statusSince: now - Math.round(rng() * 600_000),
          ip: sites[i % sites.length]!,
          fragile: i % 17 === 0,
          skills: [String(100 + (i % skills))],
          network: { latencyMs: 40 + rng() * 80, txJitterMs: 2 + rng() * 8, rxJitterMs: 2 + rng() * 8 },
        },
        now,
      ),
    ),
    skills: Array.from({ length: skills }, (_, i) => simSkill({ id: String(100 + i), name: `Skill ${i}`, rate: 0.1, offered: 100, answered: 95, abandoned: 5 })),
    lines: [{ user: 'troncal-1', status: 'Registered', txJitterMs: 3, rxJitterMs: 4, txLossPct: 0.1, rxLossPct: 0.1 }],
  });
}

export async function wolkvoxCase(opts: { steps: number; agents: number; skills: number }): Promise<IngestCase> {
  let ctx: ConnectorContext<WolkvoxSourceConfig> | null = null;
  const { engine } = engineFor({
    wolkvox: {
      vendor: 'wolkvox',
      create(c) {
        ctx = c;
        return { start: () => c.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
      },
      test: async () => ({ ok: true, message: '' }),
      sampleIntervalSec: () => 10,
    },
  });
  engine.start([{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'bench-wolkvox-token', baseUrl: 'http://127.0.0.1:9' }]);
  const c = ctx as unknown as ConnectorContext<WolkvoxSourceConfig>;

  // The recorded polls: every step the team drifts 10 s and all three reports are read.
  const t0 = Date.now();
  const sim = team(opts.agents, opts.skills, t0 - opts.steps * 10_000);
  const rng = seeded(7);
  const polls: { report: Report; text: string; records: number }[] = [];
  for (let s = 0; s < opts.steps; s++) {
    const now = t0 - (opts.steps - s) * 10_000;
    stepTeam(sim, now, 10, rng);
    const latency = latencyBody(sim) as { data: { by_agent: unknown[] }[] };
    const agents = agentsBody(sim, now) as { data: unknown[] };
    const skills = skillsBody(sim) as { data: unknown[] };
    polls.push({ report: 'latency', text: JSON.stringify(latency), records: latency.data[0]!.by_agent.length });
    polls.push({ report: 'agents', text: JSON.stringify(agents), records: agents.data.length });
    polls.push({ report: 'skills', text: JSON.stringify(skills), records: skills.data.length });
  }
  // The server's bytes, encoded once: encoding is the sender's work, reading them is the client's.
  const bodies = polls.map((p) => new TextEncoder().encode(p.text));
  let answer = new Uint8Array();
  const client = {
    baseUrl: 'http://127.0.0.1:9',
    token: 'bench-wolkvox-token',
    server: '0031',
    clock: systemClock,
    timeoutMs: 30_000,
    fetch: async () => new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } }),
  };
  const lane = new TokenLane();
  let named: ReadonlySet<string> = new Set();
  const batcher = new Batcher(engine, 1);
  const events = polls.reduce((n, p) => n + p.records, 0);
  return {
    vendor: 'wolkvox',
    frames: polls.length,
    events,
    json: polls.map((p) => p.text),
    describe: `${polls.length} report bodies (latency, agents, skills; ${opts.agents} agents, ${opts.skills} skills), ${events} agent/skill records, ~${Math.round(polls.reduce((n, p) => n + p.text.length, 0) / polls.length / 1024)} KB each`,
    async pass() {
      for (const [i, p] of polls.entries()) {
        answer = bodies[i]!;
        const outcome = await pollReport({ client, lane, named }, p.report);
        // What the connector's delivery does with an outcome.
        if (outcome.kind !== 'data') throw new Error(`the ${p.report} report was not usable: ${outcome.kind}`);
        for (const r of outcome.rejected) c.health.rejected(r.reason, r.sample);
        if (outcome.named) named = outcome.named;
        c.emit(outcome.events);
        batcher.maybe();
      }
      engine.flush();
    },
    check: () => sourceProblems(engine, 'wv') ?? (engine.state.agents.size === opts.agents ? null : `expected ${opts.agents} agents, found ${engine.state.agents.size}`),
    stop: () => engine.stop(),
  };
}

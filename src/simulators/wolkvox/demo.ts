/**
 * The Wolkvox demo: a simulated operation of fourteen agents on three sites, three skills with a
 * moving backlog and two PBX lines, where a few agents' networks degrade and recover. Returns a
 * source config pointing at the loopback simulator (demo credentials only).
 */
import type { WolkvoxSourceConfig } from '../../shared/sources';
import { stepTeam } from './drift';
import { WolkvoxSimulator } from './server';
import { seeded, simAgent, simSkill, SimTeam, type SimNetwork } from './team';

const DEMO_TOKEN = 'demo-wolkvox-token';

const SITES = ['190.24.10.5', '181.49.77.20', '186.30.4.112'];
const NAMES = [
  'Ana Gómez', 'Carlos Pérez', 'Lucía Martínez', 'Andrés Rojas', 'Valentina Díaz', 'Santiago López', 'Camila Torres',
  'Julián Ramírez', 'Daniela Castro', 'Felipe Moreno', 'Mariana Vargas', 'Sebastián Ortiz', 'Laura Herrera', 'Diego Jiménez',
];
const STATUSES = ['Disponible', 'En llamada', 'Disponible', 'ACW', 'Auxiliar - Almuerzo', 'En llamada', 'Disponible'];

export function demoTeam(now = Date.now(), seed = 31): SimTeam {
  const rng = seeded(seed);
  const agents = NAMES.map((name, i) => {
    const home = i >= 11;
    const network: SimNetwork = {
      latencyMs: Math.round((home ? 110 : 45) + rng() * 40),
      txJitterMs: Math.round(2 + rng() * (home ? 12 : 5)),
      rxJitterMs: Math.round(2 + rng() * (home ? 14 : 6)),
      txLossPct: home ? 0.3 : 0,
      rxLossPct: home ? 0.4 : 0,
      rejectionPct: 0,
    };
    return simAgent(
      {
        id: String(1001 + i),
        name,
        status: STATUSES[i % STATUSES.length]!,
        statusSince: now - Math.round(rng() * 600_000),
        ip: SITES[home ? 2 : i % 2]!,
        connectionType: home ? 'wifi' : 'ethernet',
        platform: i % 5 === 4 ? 'web' : 'app',
        version: i % 4 === 0 ? '5.1.8' : '5.2.1',
        network,
        fragile: i === 2 || i === 7 || i === 12,
        skills: i < 7 ? ['101', '102'] : ['102', '103'],
        calls: Math.floor(rng() * 30),
      },
      now,
    );
  });
  const skills = [
    simSkill({ id: '101', name: 'Ventas', rate: 0.12, offered: 140, answered: 131, abandoned: 9, sl20: 88 }),
    simSkill({ id: '102', name: 'Servicio al cliente', rate: 0.2, offered: 320, answered: 301, abandoned: 19, sl20: 84 }),
    simSkill({ id: '103', name: 'Soporte técnico', rate: 0.08, offered: 75, answered: 70, abandoned: 5, sl20: 91 }),
  ];
  const lines = [
    { user: 'troncal-bogota', status: 'Registered', txJitterMs: 3, rxJitterMs: 4, txLossPct: 0.1, rxLossPct: 0.1 },
    { user: 'troncal-medellin', status: 'Registered', txJitterMs: 5, rxJitterMs: 5, txLossPct: 0.2, rxLossPct: 0.1 },
  ];
  return new SimTeam({ agents, skills, lines });
}

/** Starts the Wolkvox simulator with the demo operation moving every second. */
export async function startDemoWolkvox(): Promise<{ sources: WolkvoxSourceConfig[]; stop(): Promise<void> }> {
  const team = demoTeam();
  const sim = new WolkvoxSimulator({ tokens: [DEMO_TOKEN], team, quotaPerDay: 50_000, responseDelayMs: 40 });
  const url = await sim.start();
  const rng = seeded(2024);
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    stepTeam(team, now, (now - last) / 1000, rng);
    last = now;
  }, 1000);
  timer.unref();
  const source: WolkvoxSourceConfig = {
    id: 'demo-wolkvox',
    vendor: 'wolkvox',
    name: 'Wolkvox (demo)',
    server: '0031',
    token: DEMO_TOKEN,
    baseUrl: url,
    licences: 50,
    poll: { latencySec: 10, agentsSec: 5, skillsSec: 5 },
  };
  return {
    sources: [source],
    stop: async () => {
      clearInterval(timer);
      await sim.stop();
    },
  };
}

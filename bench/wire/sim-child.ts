/**
 * A vendor simulator in its own process, so that its CPU is not counted in the receiver's:
 * `node --import tsx bench/wire/sim-child.ts avaya|axialys-v2|axialys-v4`. Prints one JSON line
 * `{"ready": {...}}` with where and how to connect, then takes JSON-line commands on stdin:
 * `{"cmd":"blast","count":N,"rate":R}` (answers `{"sent":N}`; R events per second in 10 ms ticks, or as
 * fast as the socket drains without R), `{"cmd":"subscribers"}`, `{"cmd":"stop"}`.
 */
import { createInterface } from 'node:readline';
import { AvayaSimulator, AGENT_ITD } from '../../src/simulators/avaya';
import { AxialysSimulator, type SimDirectory } from '../../src/simulators/axialys';
import { AXIALYS_OPERATORS, AXIALYS_QUEUES, avayaAgents, axialysEvents } from './streams';

const kind = process.argv[2] ?? 'avaya';
const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
const tick = () => new Promise<void>((r) => setImmediate(r));

/** Calls `send(n)` for `count` events: at `rate` per second in 10 ms ticks, or flat out (then `drain` paces). */
async function paced(count: number, rate: number | undefined, send: (i: number) => void, drain: () => Promise<void>): Promise<void> {
  if (!rate) {
    for (let i = 0; i < count; i++) {
      send(i);
      if ((i & 127) === 127) await drain();
    }
    return;
  }
  const t0 = performance.now();
  let i = 0;
  while (i < count) {
    // Send what is due by now (catching up after a late tick), then wait for the next 10 ms tick.
    const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * rate) + Math.ceil(rate / 100));
    for (; i < due; i++) send(i);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function main(): Promise<void> {
  let blast: (count: number, rate?: number) => Promise<void>;
  let subscribers: () => number;
  let stop: () => Promise<void>;
  if (kind === 'avaya') {
    const sim = await new AvayaSimulator({ accountId: 'WIREAX' }).start();
    const agents = avayaAgents();
    agents.ids.forEach((id, i) => sim.setAgent(id, agents.initial(i), true));
    let n = 0;
    const buffered = () => {
      let max = 0;
      for (const c of sim.connections) max = Math.max(max, c.ws.bufferedAmount);
      return max;
    };
    blast = (count, rate) =>
      paced(
        count,
        rate,
        () => {
          const a = agents.next(n++);
          sim.setAgent(a.id, a.spec);
        },
        // Never more than ~1 MB queued per socket: the receiver sets the pace, as TCP would.
        async () => {
          while (buffered() > 1 << 20) await new Promise((r) => setTimeout(r, 1));
        },
      );
    subscribers = () => sim.confirmedConnections();
    stop = () => sim.stop();
    out({ ready: { url: sim.url, accountId: sim.accountId, clientId: sim.clientId, clientSecret: sim.clientSecret, appKey: sim.appKey, agents: agents.ids.length, producer: AGENT_ITD } });
  } else {
    const version = kind === 'axialys-v2' ? 'v2' : 'v4';
    const directory: SimDirectory = {
      target: 4521,
      ops: Array.from({ length: AXIALYS_OPERATORS }, (_, i) => ({ id: 5000 + i, nom: `Opérateur ${i}`, groupes: [200 + (i % AXIALYS_QUEUES)] })),
      groupes: Array.from({ length: AXIALYS_QUEUES }, (_, i) => ({ id: 200 + i, nom: `File ${i}` })),
      trunks: [],
      pauses: [{ id: 2, value: 'Déjeuner' }],
    };
    const sim = await new AxialysSimulator({ socketIo: version, login: 'wire.superviseur', password: 'wire-password', directory }).start();
    const next = axialysEvents();
    let n = 0;
    blast = (count, rate) => paced(count, rate, () => sim.send(next(n++)), tick);
    subscribers = () => sim.subscribers;
    stop = () => sim.stop();
    out({ ready: { origin: sim.origin, authUrl: sim.authUrl, tokenUrl: sim.tokenUrl, login: sim.login, password: sim.password, target: directory.target, version } });
  }
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const msg = JSON.parse(line) as { cmd: string; count?: number; rate?: number };
    if (msg.cmd === 'blast') {
      await blast(msg.count ?? 0, msg.rate);
      out({ sent: msg.count ?? 0 });
    } else if (msg.cmd === 'subscribers') {
      out({ subscribers: subscribers() });
    } else if (msg.cmd === 'stop') {
      break;
    }
  }
  await stop();
  process.exit(0);
}

await main();

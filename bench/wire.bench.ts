/**
 * Over the wire: CPU time per event in the receiving process — the collector (real connector, engine
 * and server) against a bare client of the same transport that only parses — for the Avaya AXP
 * WebSocket stream and the Axialys Socket.IO feed (v4 and v2), over loopback. The simulator runs in a
 * child process, so only the receiver's CPU (process.cpuUsage: every thread, GC included) is counted.
 * Bare and collector rounds alternate; the lowest figure of each is kept. Budget: ≤ 1.5× the bare one,
 * for a blast (the simulator sends as fast as it can and the socket drains). A receiver that falls
 * behind reads more messages per wake-up, so a blast flatters the slower one a little; the steady
 * 10,000 events/s figures (both keep up, each wakes up as often for the same events) are reported
 * beside it.
 */
import { SimChild } from './wire/child';
import { bareReceiver, collectorReceiver, type Receiver } from './wire/receivers';
import { emit, gc, median, round, sleepMs, waitFor } from './util';

interface Measured {
  /** CPU per event, every thread of the process (µs). */
  us: number;
  /** Main thread only (µs). */
  mainUs: number;
  wallMs: number;
}

async function cpuPerEvent(child: SimChild, receiver: Receiver, count: number, rate: number | undefined): Promise<Measured> {
  // A short warm-up blast first: it ends an AXP snapshot (whose closing sync events would be counted)
  // and lets both receivers' code settle.
  const warm = receiver.received();
  await child.command({ cmd: 'blast', count: 500 }, 'sent');
  await waitFor(() => receiver.received() >= warm + 500, 'the warm-up events to arrive', 60_000, 5);
  await sleepMs(200);
  gc();
  const before = receiver.received();
  const c0 = process.cpuUsage();
  const m0 = process.threadCpuUsage();
  const t0 = performance.now();
  const sent = child.command({ cmd: 'blast', count, rate }, 'sent');
  await waitFor(() => receiver.received() >= before + count, `${count} events to arrive`, 300_000, 5);
  const c1 = process.cpuUsage(c0);
  const m1 = process.threadCpuUsage(m0);
  const wallMs = performance.now() - t0;
  await sent;
  const got = receiver.received() - before;
  if (got !== count) throw new Error(`expected ${count} events, the receiver counted ${got}`);
  return { us: (c1.user + c1.system) / count, mainUs: (m1.user + m1.system) / count, wallMs };
}

interface Mode {
  name: string;
  count: number;
  /** Events per second; undefined: as fast as the simulator sends and the socket drains. */
  rate?: number;
  rounds: number;
}

/**
 * The lowest CPU per event of `rounds` alternating bare and collector rounds, the order swapped every
 * round (neither always runs right after the simulator's own warm-up or a GC of the other).
 */
async function compare(kind: string, child: SimChild, mode: Mode): Promise<{ bare: Measured; collector: Measured; rounds: [number, number][] }> {
  const receivers = [bareReceiver, collectorReceiver] as const;
  const best: [Measured | null, Measured | null] = [null, null];
  const rounds: [number, number][] = [];
  for (let r = 0; r < mode.rounds; r++) {
    const round: [number, number] = [0, 0];
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const receiver = await receivers[i]!(kind, child);
      try {
        const m = await cpuPerEvent(child, receiver, mode.count, mode.rate);
        round[i] = m.us;
        if (!best[i] || m.us < best[i]!.us) best[i] = m;
      } finally {
        await receiver.stop();
      }
    }
    rounds.push(round);
  }
  return { bare: best[0]!, collector: best[1]!, rounds };
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const modes: Mode[] = quick
    ? [{ name: '', count: 3000, rounds: 1 }]
    : [
        { name: '', count: 100_000, rounds: 5 },
        { name: 'steady_10k_', count: 20_000, rate: 10_000, rounds: 2 },
      ];
  const kinds = (process.env.BENCH_WIRE?.split(',') ?? ['avaya', 'axialys-v4', 'axialys-v2']) as string[];
  for (const kind of kinds) {
    const child = await SimChild.start(kind);
    try {
      const name = kind.replace('-', '_');
      const transport = kind === 'avaya' ? 'ws' : `socket.io-client ${kind.endsWith('v2') ? '2.5' : '4'}`;
      for (const mode of modes) {
        const { bare, collector, rounds } = await compare(kind, child, mode);
        const m = `${name}_${mode.name}`;
        const pace = mode.rate ? `${mode.rate} events/s` : 'blast';
        emit({ bench: 'wire', metric: `${m}collector_cpu_per_event`, value: collector.us, unit: 'µs', mainThreadUs: round(collector.mainUs), events: mode.count, pace, eventsPerSecWall: Math.round(mode.count / (collector.wallMs / 1000)) });
        emit({ bench: 'wire', metric: `${m}bare_cpu_per_event`, value: bare.us, unit: 'µs', mainThreadUs: round(bare.mainUs), pace, receiver: `bare ${transport} client, JSON only` });
        const ratio = collector.us / bare.us;
        if (mode.rate) emit({ bench: 'wire', metric: `${m}collector_vs_bare`, value: ratio, unit: 'x' });
        else {
          // Context: each round's bare and collector µs per event, and the median of the rounds' own
          // ratios (the two receivers of a round run back to back, under the same load).
          const perRound = rounds.map(([b, c]) => `${round(b)}/${round(c)}`);
          emit({ bench: 'wire', metric: `${m}collector_vs_bare`, value: ratio, unit: 'x', budget: 1.5, cmp: '<=', perRound, medianOfRoundRatios: round(median(rounds.map(([b, c]) => c / b))) });
        }
      }
    } finally {
      await child.stop();
    }
  }
}

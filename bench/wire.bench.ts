/**
 * Over the wire: CPU time per event in the receiving process — the collector (real connector, engine
 * and server) against a bare client of the same transport that only parses — for the Avaya AXP
 * WebSocket stream and the Axialys Socket.IO feed (v4 and v2), over loopback. The simulator runs in a
 * child process, so only the receiver's CPU (process.cpuUsage: every thread, GC included) is counted.
 * Bare and collector rounds alternate; the lowest figure of each is kept. Budget: ≤ 1.5× the bare one.
 */
import { SimChild } from './wire/child';
import { bareReceiver, collectorReceiver, type Receiver } from './wire/receivers';
import { emit, gc, sleepMs, waitFor } from './util';

async function cpuPerEvent(child: SimChild, receiver: Receiver, count: number): Promise<{ us: number; wallMs: number }> {
  // A short warm-up blast first: it ends an AXP snapshot (whose closing sync events would be counted)
  // and lets both receivers' code settle.
  const warm = receiver.received();
  await child.command({ cmd: 'blast', count: 500 }, 'sent');
  await waitFor(() => receiver.received() >= warm + 500, 'the warm-up events to arrive', 60_000, 5);
  await sleepMs(200);
  gc();
  const before = receiver.received();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const sent = child.command({ cmd: 'blast', count }, 'sent');
  await waitFor(() => receiver.received() >= before + count, `${count} events to arrive`, 300_000, 5);
  const c1 = process.cpuUsage(c0);
  const wallMs = performance.now() - t0;
  await sent;
  const got = receiver.received() - before;
  if (got !== count) throw new Error(`expected ${count} events, the receiver counted ${got}`);
  return { us: (c1.user + c1.system) / count, wallMs };
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const count = quick ? 3000 : 100_000;
  const rounds = quick ? 1 : 3;
  const kinds = (process.env.BENCH_WIRE?.split(',') ?? ['avaya', 'axialys-v4', 'axialys-v2']) as string[];
  for (const kind of kinds) {
    const child = await SimChild.start(kind);
    try {
      let bare = Infinity;
      let collector = Infinity;
      let collectorWall = 0;
      for (let r = 0; r < rounds; r++) {
        const b = await bareReceiver(kind, child);
        try {
          bare = Math.min(bare, (await cpuPerEvent(child, b, count)).us);
        } finally {
          await b.stop();
        }
        const c = await collectorReceiver(kind, child);
        try {
          const m = await cpuPerEvent(child, c, count);
          if (m.us < collector) {
            collector = m.us;
            collectorWall = m.wallMs;
          }
        } finally {
          await c.stop();
        }
      }
      const name = kind.replace('-', '_');
      const transport = kind === 'avaya' ? 'ws' : `socket.io-client ${kind.endsWith('v2') ? '2.5' : '4'}`;
      emit({ bench: 'wire', metric: `${name}_collector_cpu_per_event`, value: collector, unit: 'µs', events: count, eventsPerSecWall: Math.round(count / (collectorWall / 1000)) });
      emit({ bench: 'wire', metric: `${name}_bare_cpu_per_event`, value: bare, unit: 'µs', receiver: `bare ${transport} client, JSON only` });
      emit({ bench: 'wire', metric: `${name}_collector_vs_bare`, value: collector / bare, unit: 'x', budget: 1.5, cmp: '<=' });
    } finally {
      await child.stop();
    }
  }
}

/**
 * Memory: RSS and heap after 1 M events over 10,000 agents with history enabled (budget ≤ 200 MB RSS),
 * and growth between 1 M and 2 M events (budget ≤ 5 %).
 */
import { agentEvents, benchEngine } from './harness';
import { emit, gc, mb } from './util';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const agents = 10_000;
  const step = quick ? 100_000 : 1_000_000;
  const h = benchEngine();
  const chunk = agentEvents(agents, 100_000, 11);
  const feed = (count: number) => {
    for (let done = 0; done < count; done += chunk.length) {
      // Fresh sample times so history keeps recording, as a live feed would.
      const now = Date.now();
      for (const ev of chunk) if (ev.type === 'agent' && ev.set.network) ev.set.network = { ...ev.set.network, sampledAt: now + done };
      h.emit(chunk);
      h.engine.flush();
    }
  };
  feed(step);
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const a = process.memoryUsage();
  feed(step);
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const b = process.memoryUsage();
  const label = quick ? '100k' : '1M';
  emit({ bench: 'memory', metric: `rss_after_${label}_events`, value: mb(a.rss), unit: 'MB', budget: 200, cmp: '<=' });
  emit({ bench: 'memory', metric: `heap_after_${label}_events`, value: mb(a.heapUsed), unit: 'MB' });
  emit({ bench: 'memory', metric: `history_bytes`, value: mb(h.engine.history.bytes()), unit: 'MB', series: h.engine.history.size });
  emit({ bench: 'memory', metric: `rss_after_${quick ? '200k' : '2M'}_events`, value: mb(b.rss), unit: 'MB' });
  emit({ bench: 'memory', metric: 'heap_growth_second_half', value: ((b.heapUsed - a.heapUsed) / a.heapUsed) * 100, unit: '%', budget: 5, cmp: '<=' });
  await h.engine.stop();
}

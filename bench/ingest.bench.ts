/**
 * In-process ingest per vendor: recorded vendor frames (strings) through the connector's own receive
 * path → normalize → live state → alert rules → history → change batches, in events per second,
 * against bare `JSON.parse` of the same frames measured in the same run (interleaved rounds, best of
 * each). Budget: ≥ 150,000 events/s and ≥ 0.4 of the `JSON.parse` rate.
 */
import { avayaCase } from './ingest/avaya';
import { axialysCase } from './ingest/axialys';
import { telphinCase } from './ingest/telphin';
import { wolkvoxCase } from './ingest/wolkvox';
import type { IngestCase } from './ingest/common';
import { emit, gc, seconds } from './util';

function parseRate(c: IngestCase): number {
  gc();
  let objects = 0;
  const t0 = process.hrtime.bigint();
  for (const text of c.json) if (JSON.parse(text)) objects++;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (objects !== c.json.length) throw new Error('baseline frames did not parse');
  return c.events / s;
}

async function measure(c: IngestCase, rounds: number): Promise<void> {
  await c.pass(); // warm-up: every entity known, code optimised
  let base = 0;
  let pipe = 0;
  for (let r = 0; r < rounds; r++) {
    base = Math.max(base, parseRate(c));
    gc();
    pipe = Math.max(pipe, c.events / (await seconds(() => c.pass())));
  }
  const problem = c.check();
  if (problem) throw new Error(`${c.vendor} ingest did not work as measured: ${problem}`);
  const v = c.vendor;
  emit({ bench: 'ingest', metric: `${v}_events_per_sec`, value: pipe, unit: 'events/s', budget: 150_000, cmp: '>=', frames: c.describe });
  emit({ bench: 'ingest', metric: `${v}_json_parse_events_per_sec`, value: base, unit: 'events/s' });
  emit({ bench: 'ingest', metric: `${v}_ratio_vs_json_parse`, value: pipe / base, unit: 'x', budget: 0.4, cmp: '>=' });
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const only = process.env.BENCH_INGEST?.split(',');
  const cases: [string, () => Promise<IngestCase>][] = [
    ['avaya', () => avayaCase({ frames: quick ? 4000 : 20_000, agents: 1000, queues: 30 })],
    ['axialys', () => axialysCase({ frames: quick ? 4000 : 20_000, operators: 300, queues: 20 })],
    ['wolkvox', () => wolkvoxCase({ steps: quick ? 4 : 20, agents: 500, skills: 20 })],
    ['telphin', () => telphinCase({ requests: quick ? 4000 : 20_000, agents: 500 })],
  ];
  for (const [name, make] of cases) {
    if (only && !only.includes(name)) continue;
    const c = await make();
    try {
      await measure(c, quick ? 2 : 7);
    } finally {
      await c.stop();
    }
  }
}

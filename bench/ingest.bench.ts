/**
 * In-process ingest per vendor: recorded vendor frames (strings) through the connector's own receive
 * path → normalize → live state → alert rules → history → change batches, in events per second,
 * against bare `JSON.parse` of the same frames measured in the same run (interleaved rounds, best of
 * each). Budget: ≥ 150,000 events/s and ≥ 0.4 of the `JSON.parse` rate.
 *
 * Time is the main thread's CPU time (process.threadCpuUsage): on a shared machine, wall time also
 * counts the moments other processes hold the CPU. On an idle machine both are the same.
 */
import { avayaCase } from './ingest/avaya';
import { axialysCase } from './ingest/axialys';
import { telphinCase } from './ingest/telphin';
import { wolkvoxCase } from './ingest/wolkvox';
import type { IngestCase } from './ingest/common';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { emit, eventsPerCpuSecond } from './util';


function parseAll(c: IngestCase): void {
  let objects = 0;
  for (const text of c.json) if (JSON.parse(text)) objects++;
  if (objects !== c.json.length) throw new Error('baseline frames did not parse');
}

/** The transport's own parse of form bodies: decoded and split into fields, every field read. */
function parseForms(bodies: Buffer[]): void {
  let fields = 0;
  for (const body of bodies) for (const _ of new URLSearchParams(body.toString('utf8'))) fields++;
  if (fields < bodies.length) throw new Error('baseline form bodies did not parse');
}

async function measure(c: IngestCase, rounds: number, minSec: number): Promise<void> {
  await c.pass(); // warm-up: every entity known, code optimised
  let base = 0;
  let pipe = 0;
  let form = 0;
  for (let r = 0; r < rounds; r++) {
    base = Math.max(base, await eventsPerCpuSecond(c.events, () => parseAll(c), minSec));
    pipe = Math.max(pipe, await eventsPerCpuSecond(c.events, () => c.pass(), minSec));
    const bodies = c.form;
    if (bodies) form = Math.max(form, await eventsPerCpuSecond(c.events, () => parseForms(bodies), minSec));
  }
  const problem = c.check();
  if (problem) throw new Error(`${c.vendor} ingest did not work as measured: ${problem}`);
  const v = c.vendor;
  emit({ bench: 'ingest', metric: `${v}_events_per_sec`, value: pipe, unit: 'events/s', budget: 150_000, cmp: '>=', frames: c.describe });
  emit({ bench: 'ingest', metric: `${v}_json_parse_events_per_sec`, value: base, unit: 'events/s' });
  emit({ bench: 'ingest', metric: `${v}_ratio_vs_json_parse`, value: pipe / base, unit: 'x', budget: 0.4, cmp: '>=' });
  if (form) {
    emit({ bench: 'ingest', metric: `${v}_form_parse_events_per_sec`, value: form, unit: 'events/s', note: 'URLSearchParams of the same request bodies (context; the budget is against JSON.parse)' });
    emit({ bench: 'ingest', metric: `${v}_ratio_vs_form_parse`, value: pipe / form, unit: 'x' });
  }
}

/** Runs one vendor's case in this process (see ingest/vendor-child.ts). */
export async function runVendor(vendor: string, quick: boolean): Promise<void> {
  const make: Record<string, () => Promise<IngestCase>> = {
    avaya: () => avayaCase({ frames: quick ? 4000 : 20_000, agents: 1000, queues: 30 }),
    axialys: () => axialysCase({ frames: quick ? 4000 : 20_000, operators: 300, queues: 20 }),
    wolkvox: () => wolkvoxCase({ steps: quick ? 4 : 20, agents: 500, skills: 20 }),
    telphin: () => telphinCase({ requests: quick ? 4000 : 20_000, agents: 500 }),
  };
  const c = await make[vendor]!();
  try {
    await measure(c, quick ? 2 : 5, quick ? 0.05 : 0.4);
  } finally {
    await c.stop();
  }
}

/**
 * Each vendor in a process of its own: vendors share the engine's code, and what one vendor's events
 * teach the JIT would otherwise be paid for by the next.
 */
export async function run({ quick }: { quick: boolean }): Promise<void> {
  const root = join(import.meta.dirname, '..');
  for (const vendor of process.env.BENCH_INGEST?.split(',') ?? ['avaya', 'axialys', 'wolkvox', 'telphin']) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/ingest/vendor-child.ts'), vendor, ...(quick ? ['--quick'] : [])], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 600_000,
    });
    if (r.status !== 0) throw new Error(`the ${vendor} ingest benchmark failed (exit ${r.status ?? r.signal})`);
  }
}

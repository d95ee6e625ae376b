/**
 * Where the ingest time goes, per vendor: the recorded frames of bench/ingest.bench.ts through growing
 * prefixes of the receive path — JSON.parse alone, then with validation, with normalize, with the
 * engine, then the whole receive path as the benchmark runs it — in µs per event (main-thread CPU,
 * best of interleaved rounds). The difference between two lines is what that stage adds. Context for
 * docs/performance.md, not part of `npm run bench` (no budgets):
 *
 *   node --expose-gc --import tsx bench/ingest/stages.ts [avaya|axialys|wolkvox|telphin …]
 *
 * With `--bytes`, the bytes each stage allocates per event instead; with `--instructions`, the
 * instructions it executes per event (see below).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseDataFrame } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame } from '../../src/core/connectors/avaya/normalize';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { AGENT_PRODUCER, QUEUE_PRODUCER, producerBody } from '../../src/simulators/avaya/catalog';
import { Feed } from '../../src/core/connectors/axialys/feed';
import { emptyDirectory } from '../../src/core/connectors/axialys/directory';
import { requestReport } from '../../src/core/connectors/wolkvox/client';
import { parseAgents, parseLatency, parseSkills, readEnvelope } from '../../src/core/connectors/wolkvox/parse';
import { namedIds, normalizeAgents, normalizeLatency, normalizeSkills } from '../../src/core/connectors/wolkvox/normalize';
import type { Report } from '../../src/core/connectors/wolkvox/url';
import { TelphinConnector } from '../../src/core/connectors/telphin/connector';
import { webhookSecret } from '../../src/core/connectors/telphin/webhook';
import { formFields } from '../../src/core/connectors/telphin/webhook-form';
import { WebhookRegistry, type WebhookRequest } from '../../src/core/webhooks';
import type { ConnectorContext } from '../../src/core/connectors/types';
import type { NormalizedEvent } from '../../src/core/state/events';
import { systemClock } from '../../src/core/util/clock';
import { createLogger } from '../../src/core/util/logger';
import { TelphinSourceSchema } from '../../src/shared/sources';
import { avayaCase } from './avaya';
import { axialysCase } from './axialys';
import { telphinCase } from './telphin';
import { wolkvoxCase } from './wolkvox';
import { engineFor, type IngestCase } from './common';
import { emit, eventsPerCpuSecond, gc } from '../util';

/** A stage: its name, one pass over every frame, and the stage it adds to (none: a baseline). */
type Stage = [name: string, run: () => unknown, after?: string];

/** µs of main-thread CPU per event of `run` (one call handles `events` events), over ≥ `minSec`. */
const usPerEvent = async (events: number, run: () => unknown, minSec: number): Promise<number> => 1e6 / (await eventsPerCpuSecond(events, run, minSec));

/** An engine whose one source's events come straight from `emit` (the engine stage alone). */
function sideEngine(sourceId: string) {
  let ctx: ConnectorContext | null = null;
  const { engine } = engineFor({
    wolkvox: {
      vendor: 'wolkvox',
      create(c) {
        ctx = c as unknown as ConnectorContext;
        return { start: () => c.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
      },
      test: async () => ({ ok: true, message: '' }),
      sampleIntervalSec: () => 10,
    },
  });
  engine.start([{ id: sourceId, vendor: 'wolkvox', server: '0031', token: 'stage-token', baseUrl: 'http://127.0.0.1:9' }]);
  return { engine, emit: (events: NormalizedEvent[]) => (ctx as unknown as ConnectorContext).emit(events) };
}

/** A connector context that keeps nothing: what a connector costs without the engine. */
function bareContext<C>(config: C, sourceId: string): ConnectorContext {
  const health = { status: 'live' as const, setStatus() {}, setMode() {}, setInfo() {}, rejected() {}, unknown() {} };
  return {
    config: config as never,
    sourceId,
    clock: systemClock,
    random: Math.random,
    log: createLogger({ level: 'error' }),
    health,
    // Never answers until aborted: the connector's own polling stays out of the way.
    fetch: (_url, init) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true })),
    webhooks: new WebhookRegistry(),
    factories: {},
    shared: new Map(),
    emit: () => undefined,
  };
}

async function avaya(): Promise<{ c: IngestCase; stages: Stage[]; stop(): Promise<void> }> {
  const c = await avayaCase({ frames: 20_000, agents: 1000, queues: 30 });
  const texts = c.json;
  const producers = texts.map((t) => (t.includes('"measureProducerId":"Agent_itd') ? 'Agent_itd_1.0.0' : 'Queue_itd_1.0.0'));
  const catalogs: Record<string, ReturnType<typeof parseProducerMeasures>> = {
    'Agent_itd_1.0.0': parseProducerMeasures(producerBody(AGENT_PRODUCER)),
    'Queue_itd_1.0.0': parseProducerMeasures(producerBody(QUEUE_PRODUCER)),
  };
  const side = sideEngine('av-side');
  const frame = (i: number, now: number) => normalizeFrame(parseDataFrame(JSON.parse(texts[i]!)).data!, { producerId: producers[i]!, catalog: catalogs[producers[i]!], now });
  let sink = 0;
  return {
    c,
    stages: [
      ['json_parse', () => texts.forEach((t) => (sink += JSON.parse(t) ? 1 : 0))],
      ['parse_frame', () => texts.forEach((t) => (sink += parseDataFrame(JSON.parse(t)).success ? 1 : 0)), 'json_parse'],
      ['normalize', () => texts.forEach((_, i) => (sink += frame(i, Date.now())?.events.length ?? 0)), 'parse_frame'],
      ['engine', () => texts.forEach((_, i) => side.emit(frame(i, Date.now())!.events)), 'normalize'],
    ],
    stop: async () => {
      if (sink < 0) throw new Error('unreachable');
      await side.engine.stop();
    },
  };
}

async function axialys(): Promise<{ c: IngestCase; stages: Stage[]; stop(): Promise<void> }> {
  const c = await axialysCase({ frames: 20_000, operators: 300, queues: 20 });
  const feed = new Feed(bareContext({}, 'ax-side') as never);
  const dir = emptyDirectory();
  for (let q = 0; q < 20; q++) dir.groupes.set(String(100 + q), `File ${q}`);
  for (let i = 0; i < 300; i++) dir.ops.set(String(5000 + i), { name: `Opérateur ${i}`, groups: [String(100 + (i % 20))] });
  dir.pauses.set('2', 'Déjeuner');
  feed.applyDirectory(dir);
  let sink = 0;
  return {
    c,
    stages: [
      ['json_parse', () => c.json.forEach((t) => (sink += JSON.parse(t) ? 1 : 0))],
      ['feed', () => c.json.forEach((t) => feed.handle(JSON.parse(t))), 'json_parse'],
    ],
    stop: async () => {
      if (sink < 0) throw new Error('unreachable');
      feed.dispose();
    },
  };
}

async function wolkvox(): Promise<{ c: IngestCase; stages: Stage[]; stop(): Promise<void> }> {
  const c = await wolkvoxCase({ steps: 20, agents: 500, skills: 20 });
  const texts = c.json;
  const reports: Report[] = texts.map((t) => (t.includes('"by_agent"') ? 'latency' : t.includes('"skill_id"') ? 'skills' : 'agents'));
  const bytes = texts.map((t) => new TextEncoder().encode(t));
  let answer = new Uint8Array();
  const client = { baseUrl: 'http://127.0.0.1:9', token: 'stage-token', server: '0031', clock: systemClock, timeoutMs: 30_000, fetch: async () => new Response(answer, { status: 200 }) };
  const side = sideEngine('wv-side');
  let named: ReadonlySet<string> = new Set();
  const records = (i: number, body: unknown) => {
    const data = readEnvelope(body)!.data;
    return reports[i] === 'latency' ? parseLatency(data) : reports[i] === 'agents' ? parseAgents(data) : parseSkills(data);
  };
  const normalized = (i: number, body: unknown, now: number): NormalizedEvent[] => {
    const p = records(i, body);
    if (!p.ok) throw new Error(p.reason);
    if (reports[i] === 'latency') return normalizeLatency(p.value as never, now, named);
    if (reports[i] === 'skills') return normalizeSkills(p.value as never);
    named = namedIds(p.value as never);
    return normalizeAgents(p.value as never, now);
  };
  const read = async (i: number) => {
    answer = bytes[i]!;
    return (await requestReport(client, reports[i]!)).body;
  };
  let sink = 0;
  return {
    c,
    stages: [
      ['json_parse', () => texts.forEach((t) => (sink += JSON.parse(t) ? 1 : 0))],
      ['http_read', async () => {
        for (let i = 0; i < texts.length; i++) sink += (await read(i)) ? 1 : 0;
      }, 'json_parse'],
      ['records', async () => {
        for (let i = 0; i < texts.length; i++) sink += records(i, await read(i)).ok ? 1 : 0;
      }, 'http_read'],
      ['normalize', async () => {
        for (let i = 0; i < texts.length; i++) sink += normalized(i, await read(i), Date.now()).length;
      }, 'records'],
      ['engine', async () => {
        for (let i = 0; i < texts.length; i++) side.emit(normalized(i, await read(i), Date.now()));
      }, 'normalize'],
    ],
    stop: async () => {
      if (sink < 0) throw new Error('unreachable');
      await side.engine.stop();
    },
  };
}

async function telphin(): Promise<{ c: IngestCase; stages: Stage[]; stop(): Promise<void> }> {
  const c = await telphinCase({ requests: 20_000, agents: 500 });
  const bodies = c.form!;
  // The connector on a context of its own: its handler without the engine.
  const config = TelphinSourceSchema.parse({
    id: 'tp-side',
    vendor: 'telphin',
    apiBaseUrl: 'http://127.0.0.1:9/api/ver1.0',
    tokenUrl: 'http://127.0.0.1:9/oauth/token',
    clientId: 'stage-app',
    clientSecret: 'stage-telphin-secret',
    webhook: { publicUrl: 'http://127.0.0.1:8787' },
    pollSec: 3600,
  });
  const ctx = bareContext(config, 'tp-side');
  const connector = new TelphinConnector(ctx as never, { webhookBurst: 1e9, webhookRatePerSec: 1e9 });
  connector.start();
  const secret = webhookSecret(config);
  const headers = { host: '127.0.0.1:8787', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Telphin-Webhook' };
  const request = (body: Buffer): WebhookRequest => ({ method: 'POST', query: new URLSearchParams(), headers, body, contentType: headers['content-type'], remoteAddress: '127.0.0.1' });
  let sink = 0;
  return {
    c,
    stages: [
      ['json_parse', () => c.json.forEach((t) => (sink += JSON.parse(t) ? 1 : 0))],
      ['form_parse', () => bodies.forEach((b) => (sink += new URLSearchParams(b.toString('utf8')).size))],
      ['secret_lookup', () => bodies.forEach(() => (sink += ctx.webhooks.find('telphin', secret) ? 1 : 0))],
      ['form_fields', () => bodies.forEach((b) => (sink += ctx.webhooks.find('telphin', secret) && formFields(request(b)) ? 1 : 0)), 'secret_lookup'],
      ['connector', () => bodies.forEach((b) => (sink += ctx.webhooks.find('telphin', secret)!(request(b)).status)), 'form_fields'],
    ],
    stop: async () => {
      if (sink < 0) throw new Error('unreachable');
      await connector.stop();
    },
  };
}

const VENDORS = { avaya, axialys, wolkvox, telphin };

/**
 * Bytes allocated per event by `run`: the heap's growth over one pass with nothing collected meanwhile
 * (needs a young generation larger than a pass allocates, see `--bytes`), the least of five passes.
 */
async function bytesPerEvent(events: number, run: () => unknown): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 5; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    await run();
    least = Math.min(least, (process.memoryUsage().heapUsed - before) / events);
  }
  return least;
}

const args = process.argv.slice(2);

/** A vendor's stages and, last, the whole receive path as the benchmark runs it (after the last stage). */
function withFullPath(c: IngestCase, stages: Stage[]): Stage[] {
  return [...stages, ['full_path', () => c.pass(), stages.at(-1)![0]]];
}

/**
 * `--instructions`: instructions executed per event by each stage, counted by Valgrind's cachegrind —
 * a figure the machine's load does not move, where time on a shared machine moves by ±5 %. What still
 * moves it is the garbage collector's default schedule, which decides from time (fifty times slower
 * under Valgrind): repeated counts of the same code agree within 0.3 % on some days and 2 % on others.
 * With `--predictable-gc` V8 runs a fixed schedule instead (`--predictable-gc-schedule`): counts agree
 * within about 1 %, but they include more collection work than a native run does, so they compare only
 * with counts made the same way. Each stage runs in a child of its own, once with 4 passes
 * and once with 4 + `--passes` (default 20); the difference divided by the extra events leaves out
 * start-up and warm-up. V8 runs single-threaded there (its compiler and collector threads counted in
 * the main one), on this file bundled into one module; change batches are flushed by count instead of
 * every 50 ms, as often as natively (`BENCH_FLUSH_CALLS`). Needs `valgrind` (`apt-get install
 * valgrind`); a few minutes per stage:
 *
 *   node --import tsx bench/ingest/stages.ts --instructions [--predictable-gc] [--passes=20] axialys
 *
 * Instructions are not time: the stages after JSON.parse run at a lower rate of instructions per cycle
 * (docs/performance.md, "Counting instructions").
 */
const FLUSH_CALLS: Record<string, number> = { avaya: 11_000, axialys: 20_000, wolkvox: 33, telphin: 16_000 };

/** The stage runner as one plain module (the TypeScript loader's own thread would make counts vary by 1–2 %). */
async function bundled(): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(import.meta.dirname, '..', '.instructions', 'stages.mjs');
  await build({ entryPoints: [import.meta.filename], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'warning' });
  return out;
}

/** Instructions of one child run of `script` (a stage, `passes` times) under cachegrind. */
function countInstructions(script: string, vendor: string, stage: string, passes: number, predictableGc: boolean): Promise<number> {
  const v8 = ['--single-threaded', ...(predictableGc ? ['--predictable-gc-schedule'] : []), '--expose-gc'];
  const argv = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...v8, script, '--count', vendor, stage, String(passes)];
  const child = spawn('valgrind', argv, { env: { ...process.env, BENCH_FLUSH_CALLS: String(FLUSH_CALLS[vendor]) }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 1_800_000 });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`counting ${vendor} ${stage} needs valgrind: ${e.message}`)));
    child.on('close', (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      if (code !== 0 || !m) reject(new Error(`counting ${vendor} ${stage} failed (exit ${code}): ${stderr.slice(-500)}`));
      else resolve(Number(m[1]!.replaceAll(',', '')));
    });
  });
}

if (args[0] === '--count') {
  // A child of --instructions: one stage, warmed up, then `passes` passes.
  const [, vendor, stage, passes] = args;
  const { c, stages, stop } = await VENDORS[vendor as keyof typeof VENDORS]();
  const run = withFullPath(c, stages).find(([name]) => name === stage)?.[1];
  if (!run) throw new Error(`no stage ${stage} for ${vendor}`);
  for (let i = 0; i < Number(passes); i++) await run();
  await stop();
  await c.stop();
  process.exit(0);
}

if (args.includes('--instructions')) {
  const extraArg = args.find((a) => a.startsWith('--passes='));
  const extra = extraArg ? Number(extraArg.slice('--passes='.length)) : 20;
  const predictableGc = args.includes('--predictable-gc');
  const names = args.filter((a) => !a.startsWith('--'));
  const script = await bundled();
  for (const vendor of names.length ? names : Object.keys(VENDORS)) {
    const { c, stages, stop } = await VENDORS[vendor as keyof typeof VENDORS]();
    const all = withFullPath(c, stages);
    await stop();
    await c.stop();
    const per = new Map<string, number>();
    for (const [name, , after] of all) {
      // The two runs side by side (each is single-threaded).
      const [long, short] = await Promise.all([countInstructions(script, vendor, name, 4 + extra, predictableGc), countInstructions(script, vendor, name, 4, predictableGc)]);
      const value = Math.round((long - short) / (extra * c.events));
      per.set(name, value);
      const added = after === undefined ? {} : { after, added: value - per.get(after)! };
      emit({ bench: 'ingest-stages', metric: `${vendor}_${name}_instructions`, value, unit: 'instructions/event', ...added, ...(predictableGc ? { gc: 'predictable' } : {}) });
    }
  }
  process.exit(0);
}
/**
 * `--bytes`: allocation per event instead of time — a figure noise does not move. Run with a young
 * generation that holds a whole pass:
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx bench/ingest/stages.ts --bytes axialys
 */
const bytes = args.includes('--bytes');
if (bytes && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  throw new Error('--bytes needs --min-semi-space-size=128 --max-semi-space-size=128 (no collection during a pass)');
}
const vendorArgs = args.filter((a) => !a.startsWith('--'));

for (const vendor of vendorArgs.length ? vendorArgs : Object.keys(VENDORS)) {
  const make = VENDORS[vendor as keyof typeof VENDORS];
  if (!make) throw new Error(`unknown vendor ${vendor} (avaya, axialys, wolkvox, telphin)`);
  const { c, stages, stop } = await make();
  const all = withFullPath(c, stages);
  const best = new Map<string, number>();
  for (const [, run] of all) await run(); // warm-up
  if (bytes) {
    for (const [, run] of all) await run(); // optimized code, caches sized
    for (const [name, run, after] of all) {
      const b = Math.round(await bytesPerEvent(c.events, run));
      best.set(name, b);
      const added = after === undefined ? {} : { after, added: b - best.get(after)! };
      emit({ bench: 'ingest-stages', metric: `${vendor}_${name}_bytes`, value: b, unit: 'B/event', ...added });
    }
    await stop();
    await c.stop();
    continue;
  }
  for (let round = 0; round < 3; round++) {
    for (const [name, run] of all) best.set(name, Math.min(best.get(name) ?? Infinity, await usPerEvent(c.events, run, 0.4)));
  }
  for (const [name, , after] of all) {
    const us = best.get(name)!;
    const added = after === undefined ? {} : { after, added: Math.round((us - best.get(after)!) * 1000) / 1000 };
    emit({ bench: 'ingest-stages', metric: `${vendor}_${name}`, value: us, unit: 'µs/event', ...added });
  }
  await stop();
  await c.stop();
}
process.exit(0);

/**
 * Axialys: `update` payloads (operator status, UI login/pause, queue insert/connect/delete) through
 * the connector's Feed — the object its Socket.IO `update` listener hands every payload to
 * (parseUpdate, counter check, normalizeUpdate, memory) — into the engine. Socket.IO decodes the
 * packet text with JSON.parse before the listener runs; the pass does the same.
 */
import type { AxialysSourceConfig } from '../../src/shared/sources';
import { AxialysSourceSchema } from '../../src/shared/sources';
import type { ConnectorContext } from '../../src/core/connectors/types';
import { Feed } from '../../src/core/connectors/axialys/feed';
import { emptyDirectory } from '../../src/core/connectors/axialys/directory';
import { frames, type SimEvent } from '../../src/simulators/axialys';
import { prng } from '../util';
import { Batcher, engineFor, sourceProblems, type IngestCase } from './common';

type OpState = 'available' | 'ringing' | 'connected' | 'paused' | 'logged_out';

/**
 * A plausible floor: calls queue (a few per queue at most), ring an available operator, connect and
 * end, or are abandoned; operators pause, unpause, log out and in.
 */
function recordedStream(count: number, operators: number, queues: number): SimEvent[] {
  const rnd = prng(23);
  type Call = { id: number; queue: number; number: string };
  type Op = { id: number; state: OpState; call: Call | null };
  const ops: Op[] = Array.from({ length: operators }, (_, i) => ({ id: 5000 + i, state: i % 10 === 9 ? 'paused' : 'available', call: null }));
  const waiting: Call[] = [];
  const ringing: Op[] = [];
  const talking: Op[] = [];
  let callSeq = 900_000;
  const out: SimEvent[] = [];
  const take = <T>(list: T[]): T => list.splice(Math.floor(rnd() * list.length), 1)[0]!;
  const idle = () => {
    for (let k = 0; k < 8; k++) {
      const op = ops[Math.floor(rnd() * ops.length)]!;
      if (op.state === 'available' || op.state === 'paused' || op.state === 'logged_out') return op;
    }
    return null;
  };
  while (out.length < count) {
    const r = rnd();
    if (r < 0.25 && waiting.length < queues * 3) {
      const call = { id: ++callSeq, queue: 100 + Math.floor(rnd() * queues), number: `0${600000000 + Math.floor(rnd() * 99999999)}` };
      waiting.push(call);
      out.push(frames.queueInsert(call.queue, call.id, call.number, Math.floor(rnd() * 20)));
    } else if (r < 0.45 && waiting.length) {
      const op = idle();
      if (!op || op.state !== 'available') continue;
      const call = waiting.shift()!;
      op.state = 'ringing';
      op.call = call;
      ringing.push(op);
      out.push(frames.operatorStatus(op.id, 'ringing', { idCall: call.id, idQueue: call.queue, number: call.number, service: 'Support' }));
    } else if (r < 0.6 && ringing.length) {
      const op = take(ringing);
      op.state = 'connected';
      talking.push(op);
      out.push(frames.queueConnect(op.call!.queue, op.call!.id, op.id, op.call!.number));
      out.push(frames.operatorStatus(op.id, 'connected', { idCall: op.call!.id, idQueue: op.call!.queue, number: op.call!.number, durationSec: 1 }));
    } else if (r < 0.8 && talking.length) {
      const op = take(talking);
      op.state = 'available';
      op.call = null;
      out.push(frames.operatorStatus(op.id, 'available'));
    } else if (r < 0.83 && waiting.length > queues) {
      const call = take(waiting);
      out.push(frames.queueDelete(call.queue, call.id));
    } else {
      const op = idle();
      if (!op) continue;
      if (r < 0.95 && op.state !== 'logged_out') {
        op.state = op.state === 'paused' ? 'available' : 'paused';
        out.push(frames.ui(op.state === 'paused' ? 'pause' : 'unpause', op.id, op.state === 'paused' ? '2' : ''));
      } else if (op.state !== 'paused') {
        op.state = op.state === 'logged_out' ? 'available' : 'logged_out';
        out.push(frames.ui(op.state === 'logged_out' ? 'logout' : 'login', op.id));
      }
    }
  }
  return out.slice(0, count);
}

export async function axialysCase(opts: { frames: number; operators: number; queues: number }): Promise<IngestCase> {
  let feed: Feed | null = null;
  const { engine } = engineFor({
    axialys: {
      vendor: 'axialys',
      create(ctx) {
        feed = new Feed(ctx as ConnectorContext<AxialysSourceConfig>);
        return { start: () => ctx.health.setStatus('live', null), stop: async () => undefined, check: () => undefined };
      },
      test: async () => ({ ok: true, message: '' }),
      sampleIntervalSec: () => 1,
    },
  });
  engine.start([AxialysSourceSchema.parse({ id: 'ax', vendor: 'axialys', login: 'bench', password: 'bench-password', authUrl: 'http://127.0.0.1:9/ws/', socketUrl: 'http://127.0.0.1:9' })]);
  const dir = emptyDirectory();
  for (let q = 0; q < opts.queues; q++) dir.groupes.set(String(100 + q), `File ${q}`);
  for (let i = 0; i < opts.operators; i++) dir.ops.set(String(5000 + i), { name: `Opérateur ${i}`, groups: [String(100 + (i % opts.queues))] });
  dir.pauses.set('2', 'Déjeuner');
  const f = feed as unknown as Feed;
  f.applyDirectory(dir);

  const ts = Math.floor(Date.now() / 1000);
  const texts = recordedStream(opts.frames, opts.operators, opts.queues).map((event, i) => JSON.stringify({ ts, elapse: 0, cpt: i + 1, event }));
  const batcher = new Batcher(engine);
  return {
    vendor: 'axialys',
    frames: texts.length,
    events: texts.length,
    json: texts,
    describe: `${texts.length} update payloads (${opts.operators} operators, ${opts.queues} queues; operator status, UI, queue insert/connect/delete), ~${Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length)} bytes each`,
    async pass() {
      for (const text of texts) {
        f.handle(JSON.parse(text));
        batcher.maybe();
      }
      engine.flush();
    },
    check: () => sourceProblems(engine, 'ax') ?? (engine.state.agents.size === opts.operators ? null : `expected ${opts.operators} agents, found ${engine.state.agents.size}`),
    stop: () => engine.stop(),
  };
}

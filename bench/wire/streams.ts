/**
 * What the simulators send during a blast: streams in which every frame is exactly one normalized
 * event, so that the receiver can count frames through its source's event counter.
 */
import { frames, type SimEvent } from '../../src/simulators/axialys';
import type { AgentSpec } from '../../src/simulators/avaya';
import { prng } from '../util';

export const AVAYA_AGENTS = 1000;
export const AXIALYS_OPERATORS = 300;
export const AXIALYS_QUEUES = 20;

const AVAYA_CYCLE = ['READY', 'ALERTING', 'BUSY', 'ACW', 'READY', 'NOT_READY'];

/** Avaya agents and their next states: one LIVE UPSERT per call of `next()`. */
export function avayaAgents(count = AVAYA_AGENTS): { ids: string[]; initial: (i: number) => AgentSpec; next: (n: number) => { id: string; spec: AgentSpec } } {
  const now = Date.now();
  const ids = Array.from({ length: count }, (_, i) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const spec = (i: number, step: number, at: number): AgentSpec => {
    const state = AVAYA_CYCLE[(i + step) % AVAYA_CYCLE.length]!;
    return { name: `Agent ${i} Wire`, state, reason: state === 'NOT_READY' ? 'Break' : undefined, since: at, loggedInAt: now - 3_600_000 };
  };
  return {
    ids,
    initial: (i) => spec(i, 0, now),
    next: (n) => {
      const i = n % count;
      return { id: ids[i]!, spec: spec(i, 1 + Math.floor(n / count), Date.now()) };
    },
  };
}

/** Axialys events, one normalized event each: operator call cycles, queue insert/delete, pauses. */
export function axialysEvents(): (n: number) => SimEvent {
  const rnd = prng(31);
  const ops = Array.from({ length: AXIALYS_OPERATORS }, (_, i) => ({ id: 5000 + i, step: 0, call: 0, paused: false }));
  const waiting: { id: number; queue: number }[] = [];
  let callSeq = 700_000;
  return () => {
    const r = rnd();
    if (r < 0.5) {
      const op = ops[Math.floor(rnd() * ops.length)]!;
      if (op.paused) {
        op.paused = false;
        return frames.ui('unpause', op.id);
      }
      op.step = (op.step + 1) % 3;
      if (op.step === 1) op.call = ++callSeq;
      if (op.step === 1) return frames.operatorStatus(op.id, 'ringing', { idCall: op.call, idQueue: 100, number: '0611223344', service: 'Support' });
      if (op.step === 2) return frames.operatorStatus(op.id, 'connected', { idCall: op.call, idQueue: 100, number: '0611223344', durationSec: 2 });
      return frames.operatorStatus(op.id, 'available');
    }
    if (r < 0.85) {
      if (waiting.length < AXIALYS_QUEUES * 3 && (rnd() < 0.5 || waiting.length === 0)) {
        const call = { id: ++callSeq, queue: 200 + Math.floor(rnd() * AXIALYS_QUEUES) };
        waiting.push(call);
        return frames.queueInsert(call.queue, call.id, '0711223344', Math.floor(rnd() * 30));
      }
      const call = waiting.shift()!;
      return frames.queueDelete(call.queue, call.id);
    }
    const op = ops[Math.floor(rnd() * ops.length)]!;
    op.paused = !op.paused;
    return op.paused ? frames.ui('pause', op.id, 2) : frames.ui('unpause', op.id);
  };
}

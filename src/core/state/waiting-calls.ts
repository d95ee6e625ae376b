/**
 * Waiting calls per queue (Axialys queues and trunks): callId → entered-at ms. A queue's `waiting`,
 * `oldestSince` and `longestWaitSec` follow from its calls; the longest wait keeps growing between
 * events (CONTRACT.md "Axialys queues from events").
 */
import type { Queue } from '../../shared/model';

export class WaitingCalls {
  private readonly byQueue = new Map<string, Map<string, number>>();

  /** A repeated insert (reconnect replay) keeps the earliest entry time: never duplicated. Returns the queue's calls. */
  enter(queueKey: string, callId: string, enteredAt: number): ReadonlyMap<string, number> {
    let calls = this.byQueue.get(queueKey);
    if (!calls) this.byQueue.set(queueKey, (calls = new Map()));
    const known = calls.get(callId);
    calls.set(callId, known === undefined ? enteredAt : Math.min(known, enteredAt));
    return calls;
  }

  /** The queue's remaining calls, or null when the call was not waiting there. */
  leave(queueKey: string, callId: string): ReadonlyMap<string, number> | null {
    const calls = this.byQueue.get(queueKey);
    return calls?.delete(callId) ? calls : null;
  }

  /** Replaces a queue's calls; calls already known keep their (earlier) entry time. */
  replace(queueKey: string, list: readonly { callId: string; enteredAt: number }[]): void {
    const old = this.byQueue.get(queueKey);
    const calls = new Map<string, number>();
    for (const c of list) calls.set(c.callId, Math.min(old?.get(c.callId) ?? c.enteredAt, c.enteredAt));
    this.byQueue.set(queueKey, calls);
  }

  forget(queueKey: string): void {
    this.byQueue.delete(queueKey);
  }

  /** Keys of the queues that have calls waiting now. */
  *busyQueues(): IterableIterator<string> {
    for (const [key, calls] of this.byQueue) if (calls.size) yield key;
  }

  /** Writes the queue's waiting figures from its calls (no-op for queues without call tracking). */
  fill(q: Queue, now: number): void {
    const calls = this.byQueue.get(q.key);
    if (calls) fillWaiting(q, calls, now);
  }
}

/** Writes a queue's waiting figures from its calls (callId → entered-at ms). */
export function fillWaiting(q: Queue, calls: ReadonlyMap<string, number>, now: number): void {
  let oldest = Infinity;
  for (const t of calls.values()) if (t < oldest) oldest = t;
  q.waiting = calls.size;
  q.oldestSince = calls.size ? oldest : null;
  q.longestWaitSec = calls.size ? Math.max(0, Math.round((now - oldest) / 1000)) : 0;
}

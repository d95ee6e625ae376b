/**
 * One shared 1-second ticker for every "time in state" / "longest wait" cell: components subscribe
 * only while mounted, so a virtualized table ticks just its visible rows.
 */
import { useSyncExternalStore } from 'react';

let second = Math.floor(Date.now() / 1000);
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      second = Math.floor(Date.now() / 1000);
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current local second (changes every second while subscribed). */
export function useSecond(): number {
  return useSyncExternalStore(subscribe, () => second);
}

/**
 * Runs something once the pointer pressed now is released, after the click it makes: a field left
 * by pressing a button (the focus moves on press) shows its error only then. Shown at once, the error
 * would push down what is under the pointer, and the click would land on nothing (Save, Test
 * connection, Advanced would need a second click). Left with the keyboard, nothing moves under a
 * pointer: it runs at once.
 */
import { useCallback, useEffect, useRef } from 'react';

export function useAfterPress(): (fn: () => void) => void {
  const pressed = useRef(false);
  const queue = useRef<(() => void)[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const run = queue.current;
      queue.current = [];
      for (const fn of run) fn();
    };
    const down = () => {
      pressed.current = true;
    };
    // The click is dispatched right after the release, in the same task: run what waited after it.
    const up = () => {
      pressed.current = false;
      clearTimeout(timer);
      timer = setTimeout(flush, 0);
    };
    // A release the page never saw (outside the window): the next key press lets it go.
    const key = () => {
      if (!pressed.current) return;
      pressed.current = false;
      flush();
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    document.addEventListener('keydown', key, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
      document.removeEventListener('keydown', key, true);
      clearTimeout(timer);
      queue.current = [];
    };
  }, []);
  return useCallback((fn: () => void) => {
    if (pressed.current) queue.current.push(fn);
    else fn();
  }, []);
}

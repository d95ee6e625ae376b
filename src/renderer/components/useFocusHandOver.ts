/**
 * A button that did its work gives way to another (Acknowledge → Undo): the focus goes to the one
 * that takes its place, once it is there and enabled, not to the page, so a keyboard user goes on
 * from where they were. Returns the function that names where the focus goes next.
 */
import { useEffect, useState, type RefObject } from 'react';

export function useFocusHandOver<K extends string>(buttons: Record<K, RefObject<HTMLButtonElement | null>>): (to: K) => void {
  const [to, setTo] = useState<K | null>(null);
  useEffect(() => {
    const button = to && buttons[to].current;
    if (!button || button.disabled) return;
    button.focus();
    setTo(null);
  });
  return setTo;
}

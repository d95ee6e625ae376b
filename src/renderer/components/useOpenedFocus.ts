/**
 * A panel or form that opens in place (details above a list, a source's form): its heading takes the
 * focus when it opens, and again when `showing` changes; closed with the focus inside (lost with it),
 * the focus goes back to what opened it, if that is still there — so a keyboard user goes on from
 * where they were.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useOpenedFocus(heading: RefObject<HTMLElement | null>, container: RefObject<HTMLElement | null>, showing?: unknown): void {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !container.current?.contains(active)) opener.current = active;
    heading.current?.focus();
  }, [heading, container, showing]);
  useEffect(
    () => () => {
      const o = opener.current;
      if (o?.isConnected && (document.activeElement === null || document.activeElement === document.body)) o.focus();
    },
    [],
  );
}

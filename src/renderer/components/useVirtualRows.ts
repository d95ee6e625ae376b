/**
 * Virtualized rows for a native <table>: only visible rows (plus overscan) are in the DOM, padded by
 * spacer rows above and below, so 10,000 rows scroll smoothly. Rows are `rowHeight` high; a table
 * whose rows may wrap (the event log in a wordier language) says so (`measured`) and passes
 * `measureRow` as each row's ref, and its rows are measured once rendered.
 * Keyboard: arrows, Page Up/Down, Home/End move a roving focus; Enter opens the row.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export function useVirtualRows(count: number, rowHeight: number, onOpen?: (index: number) => void, opts: { measured?: boolean } = {}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const wantFocus = useRef(false);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Rows measured once shown (lines that wrap are taller than estimated): a reader scrolled to the
    // end stays at the end instead of seeing the last rows pushed out of view.
    ...(opts.measured ? { anchorTo: 'end' as const } : {}),
  });
  const items = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const paddingTop = items.length ? items[0]!.start : 0;
  const paddingBottom = items.length ? total - items[items.length - 1]!.end : 0;

  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);


  useEffect(() => {
    if (!wantFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const move = useCallback(
    (to: number) => {
      if (!count) return;
      const next = Math.max(0, Math.min(count - 1, to));
      wantFocus.current = true;
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [count, virtualizer],
  );

  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => onOpen?.(active),
    };
    const fn = keys[e.key];
    if (fn && (e.target as HTMLElement).tagName === 'TR') {
      e.preventDefault();
      fn();
    }
  };

  /** Ref for a row (with `data-index`) whose height may differ from `rowHeight`. */
  const measureRow = virtualizer.measureElement;

  return { scrollRef, items, paddingTop, paddingBottom, active, setActive, onKeyDown, measureRow };
}

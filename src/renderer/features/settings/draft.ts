/**
 * What is typed in a settings section and not saved yet outlives the section: leaving Settings for
 * another view and coming back finds it as it was, marked unsaved, instead of the saved values with
 * no word. A draft is dropped when the saved values it was typed over change (saved here, or
 * elsewhere), and with the page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

const drafts = new Map<string, { base: string; value: unknown }>();
const dirty = new Set<string>();

/** Whether any section holds changes not saved (a browser asks before the page is left). */
export function unsavedSettings(): boolean {
  return dirty.size > 0;
}

/** Drops every draft (tests; a new host). */
export function forgetDrafts(): void {
  drafts.clear();
  dirty.clear();
}

export interface Draft<T> {
  value: T;
  set(value: T): void;
  /** The value differs from the saved one. */
  dirty: boolean;
}

/**
 * A section's values: `fromSaved` builds them from the saved settings, `savedKey` says when those
 * changed (the section's own part of the settings, and anything the values are written with, such
 * as the language's decimal comma).
 */
export function useDraft<T>(form: string, fromSaved: () => T, savedKey: string): Draft<T> {
  const saved = useMemo(fromSaved, [savedKey]);
  const [value, setValue] = useState<T>(() => {
    const kept = drafts.get(form);
    return kept && kept.base === savedKey ? (kept.value as T) : saved;
  });
  const base = useRef(savedKey);
  useEffect(() => {
    if (base.current === savedKey) return;
    base.current = savedKey;
    drafts.delete(form);
    setValue(saved);
  }, [form, savedKey, saved]);
  const changed = useMemo(() => JSON.stringify(value) !== JSON.stringify(saved), [value, saved]);
  useEffect(() => {
    if (changed) dirty.add(form);
    else dirty.delete(form);
  }, [form, changed]);
  return {
    value,
    dirty: changed,
    set(next) {
      setValue(next);
      if (JSON.stringify(next) === JSON.stringify(saved)) drafts.delete(form);
      else drafts.set(form, { base: savedKey, value: next });
    },
  };
}

/** In a browser, leaving or reloading the page with unsaved settings asks first (not in the tray app, where it would block closing the window). */
export function useLeaveGuard(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!unsavedSettings()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [on]);
}

/**
 * What is typed in a settings section and not saved yet outlives the section: leaving Settings for
 * another view and coming back finds it as it was, marked unsaved, instead of the saved values with
 * no word.
 *
 * The saved values can change under a draft: saved from another dashboard, from the tray menu, or by
 * an import. A section with nothing typed simply shows the new values. A draft is kept, marked as
 * overtaken: saving it replaces the other change (that is then a choice, said beside Save), and
 * `discard` shows the saved values instead. A section's own save is not "another change": its answer
 * replaces the draft, whatever the host made of the values. A draft is dropped with the page, and when
 * the way its values are written changes (the language's decimal comma).
 */
import { useEffect, useMemo, useRef, useState } from 'react';

interface Kept {
  /** The saved values' key the draft was typed over (or last seen over). */
  base: string;
  format: string;
  value: unknown;
  overtaken: boolean;
}

const drafts = new Map<string, Kept>();
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
  /** The saved values changed elsewhere since this draft was begun: saving it replaces that change. */
  overtaken: boolean;
  /** Drops the draft: the section shows the saved values. */
  discard(): void;
  /** Wraps the section's save: its answer replaces the draft, and it is not taken for a change made elsewhere. */
  saving(save: () => Promise<void>): () => Promise<void>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A section's values: `fromSaved` builds them from the saved settings, `savedKey` says when those
 * changed (the section's own part of the settings), `format` when the way they are written changed
 * (the language: a draft typed with one decimal separator is not kept for another).
 */
export function useDraft<T>(form: string, fromSaved: () => T, savedKey: string, format = ''): Draft<T> {
  const saved = useMemo(fromSaved, [savedKey, format]);
  const [state, setState] = useState<{ value: T; overtaken: boolean }>(() => {
    const kept = drafts.get(form);
    if (!kept || kept.format !== format || same(kept.value, saved)) return { value: saved, overtaken: false };
    // Changed while the section was not shown: kept, and said.
    return { value: kept.value as T, overtaken: kept.overtaken || kept.base !== savedKey };
  });
  const seen = useRef({ key: savedKey, format, saved });
  const current = useRef(state);
  current.current = state;
  /** 'saving' while the section's own save runs; 'saved' until its answer has arrived. */
  const own = useRef<{ phase: 'none' | 'saving' | 'saved'; answered: boolean }>({ phase: 'none', answered: false });

  const remember = (next: { value: T; overtaken: boolean }, base: string) => {
    if (same(next.value, saved) && !next.overtaken) drafts.delete(form);
    else drafts.set(form, { base, format, value: next.value, overtaken: next.overtaken });
  };

  useEffect(() => {
    const before = seen.current;
    if (before.key === savedKey && before.format === format) return;
    seen.current = { key: savedKey, format, saved };
    const { value } = current.current;
    const typed = !same(value, before.saved);
    const mine = own.current.phase !== 'none';
    if (own.current.phase === 'saving') own.current.answered = true;
    if (own.current.phase === 'saved') own.current = { phase: 'none', answered: false };
    if (mine || !typed || before.format !== format || same(value, saved)) {
      drafts.delete(form);
      setState({ value: saved, overtaken: false });
      return;
    }
    const next = { value, overtaken: true };
    drafts.set(form, { base: savedKey, format, value, overtaken: true });
    setState(next);
  }, [form, savedKey, format, saved]);

  const changed = useMemo(() => !same(state.value, saved), [state.value, saved]);
  useEffect(() => {
    if (changed) dirty.add(form);
    else dirty.delete(form);
  }, [form, changed]);

  return {
    value: state.value,
    dirty: changed,
    overtaken: state.overtaken && changed,
    set(value) {
      // Typing after a save that changed nothing: the next change of the saved values is someone else's.
      if (own.current.phase === 'saved') own.current = { phase: 'none', answered: false };
      const next = { value, overtaken: state.overtaken };
      setState(next);
      remember(next, savedKey);
    },
    discard() {
      drafts.delete(form);
      setState({ value: saved, overtaken: false });
    },
    saving: (save) => async () => {
      own.current = { phase: 'saving', answered: false };
      try {
        await save();
      } catch (e) {
        own.current = { phase: 'none', answered: false };
        throw e;
      }
      own.current = own.current.answered ? { phase: 'none', answered: false } : { phase: 'saved', answered: false };
      setState((s) => (s.overtaken ? { ...s, overtaken: false } : s));
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

/**
 * What is typed in a settings section and not saved yet outlives the section: leaving Settings for
 * another view and coming back finds it as it was, marked unsaved, instead of the saved values with
 * no word.
 *
 * The saved values can change under a draft: saved from another dashboard, from the tray menu, or by
 * an import. A section with nothing typed simply shows the new values. A draft is kept, marked as
 * overtaken: saving it replaces the other change (that is then a choice, said beside Save), and
 * `discard` shows the saved values instead. A section's own save is not "another change": its answer
 * replaces the draft, whatever the host made of the values; a save that fails gives back what was
 * typed. When the language changes, the numbers of a draft are written the new language's way. A
 * draft is dropped with the page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Language } from '../../../shared/settings';
import { relanguaged } from '../../lib/decimal';

interface Kept {
  /** The saved values the draft was typed over (or last seen over), as its section wrote them. */
  saved: unknown;
  lang: Language | undefined;
  value: unknown;
  overtaken: boolean;
}

const drafts = new Map<string, Kept>();
const dirty = new Set<string>();
/**
 * A section's own save, by section, outliving the section (left and come back to while it runs):
 * 'saving' while it runs — `adopted` once a change of the saved values replaced the draft meanwhile —
 * and 'saved' once it answered, until that answer is shown.
 */
const pending = new Map<string, { phase: 'saving' | 'saved'; adopted: boolean }>();
/** The section shown now, told when its save answered. */
const answerListeners = new Map<string, () => void>();

/** Whether any section holds changes not saved (a browser asks before the page is left). */
export function unsavedSettings(): boolean {
  return dirty.size > 0;
}

/** Drops every draft (tests; a new host). */
export function forgetDrafts(): void {
  drafts.clear();
  dirty.clear();
  pending.clear();
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
 * What a section shows when its saved values moved from `before` to `saved` under a draft `value`
 * (all written the current language's way): the saved values when nothing was typed over them, the
 * draft otherwise — overtaken when the saved values themselves changed, not only their writing.
 */
function over<T>(value: T, overtaken: boolean, before: unknown, saved: T): { value: T; overtaken: boolean } {
  if (same(value, before) || same(value, saved)) return { value: saved, overtaken: false };
  return { value, overtaken: overtaken || !same(before, saved) };
}

/**
 * A section's values: `fromSaved` builds them from the saved settings, `savedKey` says when those
 * changed (the section's own part of the settings), `lang` the language its numbers are written in.
 */
export function useDraft<T>(form: string, fromSaved: () => T, savedKey: string, lang?: Language): Draft<T> {
  const saved = useMemo(fromSaved, [savedKey, lang]);
  const [state, setState] = useState<{ value: T; overtaken: boolean }>(() => {
    const kept = drafts.get(form);
    if (!kept) return { value: saved, overtaken: false };
    // Changed while the section was not shown: kept, and said.
    const shown = over(relanguaged(kept.value as T, kept.lang, lang), kept.overtaken, relanguaged(kept.saved, kept.lang, lang), saved);
    if (!shown.overtaken && same(shown.value, saved)) drafts.delete(form);
    return shown;
  });
  const seen = useRef({ key: savedKey, lang, saved });
  const current = useRef(state);
  current.current = state;
  const [answered, setAnswered] = useState(0);
  useEffect(() => {
    const tell = () => setAnswered((n) => n + 1);
    answerListeners.set(form, tell);
    return () => {
      if (answerListeners.get(form) === tell) answerListeners.delete(form);
    };
  }, [form]);

  const keep = (next: { value: T; overtaken: boolean }) => {
    if (!next.overtaken && same(next.value, seen.current.saved)) drafts.delete(form);
    else drafts.set(form, { saved: seen.current.saved, lang: seen.current.lang, value: next.value, overtaken: next.overtaken });
  };

  useEffect(() => {
    const before = seen.current;
    if (before.key === savedKey && before.lang === lang) return;
    seen.current = { key: savedKey, lang, saved };
    const own = pending.get(form);
    if (own) {
      // The section's own save (or what crossed it): its answer is what is saved.
      if (own.phase === 'saved') pending.delete(form);
      else own.adopted = true;
      drafts.delete(form);
      setState({ value: saved, overtaken: false });
      return;
    }
    const cur = current.current;
    const next = over(relanguaged(cur.value, before.lang, lang), cur.overtaken, relanguaged(before.saved, before.lang, lang), saved);
    keep(next);
    setState(next);
  }, [form, savedKey, lang, saved]);

  // After the section's own answer is shown: a save that changed nothing saved leaves no draft behind.
  useEffect(() => {
    if (pending.get(form)?.phase !== 'saved') return;
    pending.delete(form);
    drafts.delete(form);
    setState({ value: seen.current.saved, overtaken: false });
  }, [form, answered]);

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
      // Typing after a save that changed nothing saved: the next change of the saved values is someone else's.
      if (pending.get(form)?.phase === 'saved') pending.delete(form);
      const next = { value, overtaken: state.overtaken && !same(value, saved) };
      setState(next);
      keep(next);
    },
    discard() {
      drafts.delete(form);
      setState({ value: saved, overtaken: false });
    },
    saving: (save) => async () => {
      const own = { phase: 'saving' as 'saving' | 'saved', adopted: false };
      pending.set(form, own);
      const typed = current.current;
      const savedThen = seen.current.saved;
      try {
        await save();
      } catch (e) {
        if (pending.get(form) === own) pending.delete(form);
        // What was typed comes back if the saved values replaced it meanwhile (a change made elsewhere,
        // then said); what was typed during the save stays.
        const now = current.current;
        const back = own.adopted ? { value: typed.value, overtaken: typed.overtaken || !same(savedThen, seen.current.saved) } : now;
        keep(back);
        setState(back);
        throw e;
      }
      // Saved: nothing of this draft is left to keep, whether the section is still shown or not.
      drafts.delete(form);
      own.phase = 'saved';
      const shown = answerListeners.get(form);
      if (shown) shown();
      else {
        pending.delete(form);
        dirty.delete(form);
      }
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

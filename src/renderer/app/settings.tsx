/**
 * The host's settings as the dashboard sees them (no secrets), loaded with `settings:get`, reloaded
 * after every (re)connection, and replaced by what `settings:update` / `sources:*` answer and by the
 * host's `settings` events (a change made in another dashboard or from the tray menu). Answers and
 * events may cross: a view older than the one shown (a lower `revision`) is not taken.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SettingsView } from '../../shared/bridge';
import { useClient, useTopic } from '../bridge/react';
import { toCommandError, type CommandError } from '../bridge/errors';
import { effectiveThresholds, subjectThresholds, type RuleSubject, type Thresholds } from '../lib/rules';

export interface SettingsState {
  view: SettingsView | null;
  /** Why the settings could not be loaded (`errorText` says it in the reader's language). */
  error: CommandError | null;
  thresholds: Thresholds;
  /**
   * The thresholds of one agent or queue: `thresholds`, unless rules added for it (Settings →
   * Thresholds for particular queues and agents) set its own. The same object for the same subject
   * while the settings stay (rows compare it by identity).
   */
  thresholdsFor(subject: RuleSubject): Thresholds;
  /** Replaces the settings with a host answer. */
  set(view: SettingsView): void;
  reload(): Promise<void>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const meta = useTopic('meta');
  const shown = useRef<SettingsView | null>(null);

  /** Shows `next` unless the view shown is newer (numbered by the same host process: a restarted one counts again from 1). */
  const take = useCallback((next: SettingsView) => {
    const cur = shown.current;
    if (cur?.revision !== undefined && next.revision !== undefined && cur.epoch === next.epoch && next.revision < cur.revision) return;
    shown.current = next;
    setView(next);
  }, []);

  const reload = useCallback(async () => {
    try {
      take(await client.invoke('settings:get', undefined));
      setError(null);
    } catch (e) {
      setError(toCommandError(e));
    }
  }, [client, take]);

  // `meta` changes with every snapshot, i.e. after each (re)connection.
  useEffect(() => {
    void reload();
  }, [reload, meta]);

  useEffect(() => client.onSettings((next) => take(next)), [client, take]);

  const value = useMemo<SettingsState>(() => {
    const rules = view?.alerts.rules ?? [];
    const thresholds = effectiveThresholds(rules);
    // Only rules with a metric of their own can differ by subject; without any, every subject has the general ones.
    const added = rules.filter((o) => o.metric !== undefined);
    const cache = new Map<string, Thresholds>();
    const thresholdsFor = (s: RuleSubject): Thresholds => {
      if (!added.length) return thresholds;
      const id = `${s.kind}|${s.key}|${s.sourceId}|${s.queues?.join(',') ?? ''}`;
      let th = cache.get(id);
      if (!th) cache.set(id, (th = subjectThresholds(added, thresholds, s)));
      return th;
    };
    return { view, error, thresholds, thresholdsFor, set: take, reload };
  }, [view, error, reload, take]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useSettings outside SettingsProvider');
  return s;
}

/**
 * React access to the client: a context, and hooks that subscribe to one topic of the store through
 * useSyncExternalStore (re-render at most once per frame, only when that topic changed).
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Source } from '../../shared/model';
import type { DashboardClient } from './client';
import type { Topic } from './store';
import type { ConnStatus } from './status';
import { shortSourceLabels } from '../lib/source-labels';

const ClientContext = createContext<DashboardClient | null>(null);

export function ClientProvider({ client, children }: { client: DashboardClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): DashboardClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside ClientProvider');
  return c;
}

/** The published version of a topic; use it as a memo dependency to read the store's Maps. */
export function useTopic(topic: Topic): number {
  const { store } = useClient();
  return useSyncExternalStore(store.subscribe, () => store.version(topic));
}

/** The sources by name (the overview's tiles, the views' source filters), kept current. */
export function useSourcesByName(): Source[] {
  const { store } = useClient();
  const sv = useTopic('sources');
  return useMemo(() => (void sv, [...store.sources.values()].sort((a, b) => a.name.localeCompare(b.name))), [store, sv]);
}

/**
 * A source's name (for Source columns) and its label for a narrow one (the words the names of every
 * source switched on share left out, `shortSourceLabels`), by its id (the id when it is no longer
 * known), kept current.
 */
export function useSourceLabels(): { name: (id: string) => string; label: (id: string) => string } {
  const { store } = useClient();
  const sv = useTopic('sources');
  return useMemo(() => {
    void sv;
    const names = new Map([...store.sources.values()].map((s) => [s.id, s.name]));
    // A source switched off lists nothing: its name does not keep the others' shared words ("(demo)").
    const labels = shortSourceLabels([...store.sources.values()].filter((s) => s.status !== 'stopped').map((s) => s.name));
    const name = (id: string) => names.get(id) ?? id;
    return { name, label: (id: string) => labels.get(name(id)) ?? name(id) };
  }, [store, sv]);
}

export function useConnStatus(): ConnStatus {
  const { conn } = useClient();
  return useSyncExternalStore(
    (l) => conn.onStatus(l),
    () => conn.status(),
  );
}

/**
 * React access to the client: a context, and hooks that subscribe to one topic of the store through
 * useSyncExternalStore (re-render at most once per frame, only when that topic changed).
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Source } from '../../shared/model';
import type { DashboardClient } from './client';
import type { Topic } from './store';
import type { ConnStatus } from './status';

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

/** A source's name by its id (the id when it is no longer known), kept current: for Source columns. */
export function useSourceName(): (id: string) => string {
  const { store } = useClient();
  const sv = useTopic('sources');
  return useMemo(() => (void sv, (id: string) => store.sources.get(id)?.name ?? id), [store, sv]);
}

export function useConnStatus(): ConnStatus {
  const { conn } = useClient();
  return useSyncExternalStore(
    (l) => conn.onStatus(l),
    () => conn.status(),
  );
}

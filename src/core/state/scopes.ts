/**
 * Which feed of a source reported which entity (a Wolkvox report, an Avaya producer): a `sync` for a
 * feed removes what that feed no longer reports, but not what another feed of the source still does.
 */
export type ScopedCollection = 'agents' | 'queues' | 'sites' | 'lines';

export class Scopes {
  /** `${collection}|${sourceId}|${scope}` → keys reported by that feed. */
  private readonly members = new Map<string, Set<string>>();
  /** Per collection, key → the feeds that report it. */
  private readonly memberships: Record<ScopedCollection, Map<string, Set<string>>> = { agents: new Map(), queues: new Map(), sites: new Map(), lines: new Map() };

  add(collection: ScopedCollection, sourceId: string, key: string, scope: string): void {
    let scopes = this.memberships[collection].get(key);
    if (scopes?.has(scope)) return;
    if (!scopes) this.memberships[collection].set(key, (scopes = new Set()));
    scopes.add(scope);
    const memberKey = `${collection}|${sourceId}|${scope}`;
    let members = this.members.get(memberKey);
    if (!members) this.members.set(memberKey, (members = new Set()));
    members.add(key);
  }

  /** The keys a feed reported (a copy: callers remove while iterating). */
  reportedBy(collection: ScopedCollection, sourceId: string, scope: string): string[] | null {
    const members = this.members.get(`${collection}|${sourceId}|${scope}`);
    return members ? [...members] : null;
  }

  /** The feed no longer reports `key`; true when no feed reports it any more. */
  drop(collection: ScopedCollection, sourceId: string, key: string, scope: string): boolean {
    this.members.get(`${collection}|${sourceId}|${scope}`)?.delete(key);
    const scopes = this.memberships[collection].get(key);
    scopes?.delete(scope);
    return !scopes || scopes.size === 0;
  }

  /** The entity is gone: forget every feed's record of it. */
  forget(collection: ScopedCollection, sourceId: string, key: string): void {
    const scopes = this.memberships[collection].get(key);
    if (!scopes) return;
    for (const scope of scopes) this.members.get(`${collection}|${sourceId}|${scope}`)?.delete(key);
    this.memberships[collection].delete(key);
  }
}

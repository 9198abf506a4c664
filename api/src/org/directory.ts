import type { OrgUnit, Person } from '@opscycle/domain';

/**
 * The org tree and people as the API's authorization and handlers read them. Units are few and
 * read on every request (scope checks), so they are cached briefly; writes through the API
 * invalidate the cache at once.
 */
export interface OrgDirectory {
  units(): Promise<OrgUnit[]>;
  person(personId: string): Promise<Person | undefined>;
  peopleIn(orgUnitIds: readonly string[]): Promise<Person[]>;
  invalidate(): void;
}

/** A value loaded at most once per `ttlMs`; concurrent readers share the one load, a failed load is retried. */
export function cachedFor<T>(load: () => Promise<T>, ttlMs = 2_000): { get(): Promise<T>; clear(): void } {
  let cached: { at: number; value: Promise<T> } | undefined;
  return {
    get() {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const value = load();
        cached = { at: Date.now(), value };
        void value.catch(() => (cached = undefined));
      }
      return cached.value;
    },
    clear() {
      cached = undefined;
    },
  };
}

/** Units in the subtree rooted at `scopeId` (inclusive). */
export function subtreeOf(units: readonly OrgUnit[], scopeId: string): OrgUnit[] {
  const children = new Map<string | null, OrgUnit[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const root = units.find((u) => u.id === scopeId);
  if (!root) return [];
  const result: OrgUnit[] = [];
  const seen = new Set<string>();
  const queue = [root];
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (seen.has(next.id)) continue; // a malformed tree with a loop
    seen.add(next.id);
    result.push(next);
    queue.push(...(children.get(next.id) ?? []));
  }
  return result;
}

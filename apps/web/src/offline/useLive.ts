import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

/** The value of a Dexie query, kept current as the local store changes (undefined while loading). */
export function useLive<T>(query: () => Promise<T>, deps: DependencyList): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
    return () => sub.unsubscribe();
    // `deps` stands for the inputs of `query`, a new closure on every render.
  }, deps);
  return value;
}

import type { Shape } from '@torg/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type { BoardStore } from './store.js';

/** One object; re-renders only when that object changes. */
export function useShape(store: BoardStore, id: string | null): Shape | undefined {
  const subscribe = useCallback(
    (l: () => void) => (id ? store.subscribeShape(id, l) : () => {}),
    [store, id],
  );
  return useSyncExternalStore(subscribe, () => (id ? store.get(id) : undefined));
}

/** A counter that changes on any change to the board (for whole-board views). */
export function useBoardVersion(store: BoardStore): number {
  const subscribe = useCallback((l: () => void) => store.subscribeAll(l), [store]);
  return useSyncExternalStore(subscribe, () => store.getVersion());
}

/** Re-renders when any of these objects changes; returns a key that changes with them. */
export function useRevisions(store: BoardStore, ids: readonly string[]): string {
  const key = ids.join(',');
  const subscribe = useCallback(
    (l: () => void) => {
      const offs = key
        .split(',')
        .filter(Boolean)
        .map((id) => store.subscribeShape(id, l));
      return () => {
        for (const off of offs) off();
      };
    },
    [store, key],
  );
  return useSyncExternalStore(subscribe, () =>
    key
      .split(',')
      .map((id) => store.revision(id))
      .join(','),
  );
}

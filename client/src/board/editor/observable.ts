/**
 * The smallest observable value: `get`, `update`, `subscribe`. The editor's session state
 * lives in one so that React (useSyncExternalStore) and plain tests read it the same way.
 */
export class Observable<T> {
  private listeners = new Set<() => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  /** Replaces the value; listeners hear of it only when the updater returned a new object. */
  update(updater: (value: T) => T): void {
    const next = updater(this.value);
    if (next === this.value) return;
    this.value = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

import { useCallback, useSyncExternalStore } from 'react';

/**
 * The local, not-yet-committed offset of objects being moved. Views of moving objects (and
 * connectors attached to them) draw with it every frame; the document gets throttled
 * positions and the final one in one transaction.
 */
export class MovePreview {
  private ids = new Set<string>();
  private offset = { dx: 0, dy: 0 };
  private readonly listeners = new Set<() => void>();
  private version = 0;

  set(ids: Set<string>, dx: number, dy: number): void {
    this.ids = ids;
    this.offset = { dx, dy };
    this.emit();
  }

  clear(): void {
    if (this.ids.size === 0) return;
    this.ids = new Set();
    this.offset = { dx: 0, dy: 0 };
    this.emit();
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  offsetOf(id: string): { dx: number; dy: number } {
    return this.ids.has(id) ? this.offset : ZERO;
  }

  private emit(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getVersion = (): number => this.version;
}

const ZERO = Object.freeze({ dx: 0, dy: 0 });

/** The preview offset of these ids, as a string key so unaffected views skip re-rendering. */
export function usePreviewOffsets(preview: MovePreview, ids: readonly string[]): string {
  const key = ids.join(',');
  const get = useCallback(() => {
    return key
      .split(',')
      .map((id) => {
        const o = preview.offsetOf(id);
        return `${o.dx}:${o.dy}`;
      })
      .join('|');
  }, [preview, key]);
  return useSyncExternalStore(preview.subscribe, get);
}

export function parseOffsets(key: string): { dx: number; dy: number }[] {
  return key.split('|').map((part) => {
    const [dx, dy] = part.split(':').map(Number);
    return { dx: dx ?? 0, dy: dy ?? 0 };
  });
}

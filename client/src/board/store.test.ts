import {
  newId,
  ORIGIN_LOCAL,
  type Sticky,
  stickyDefaults,
  writeShapes,
  zAbove,
} from '@torg/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BoardStore } from './store.js';

let lastZ: string | null = null;
/** `n` new notes, each above the ones before. */
function notes(n: number): Sticky[] {
  return Array.from({ length: n }, (_, i) => {
    lastZ = zAbove(lastZ === null ? [] : [lastZ]);
    return { ...stickyDefaults(), id: newId(), x: i * 10, y: 0, z: lastZ, text: `lapp ${i}` };
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the board store shows bulk changes together', () => {
  it('a big board arriving in slices is parsed at once and shown once, when the slices stop', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    let shown = 0;
    store.subscribeOrder(() => shown++);
    for (let slice = 0; slice < 5; slice++) {
      writeShapes(doc, notes(300), ORIGIN_LOCAL);
      vi.advanceTimersByTime(20);
    }
    // Every object is there to read; the views have not redrawn for each slice.
    expect(store.size).toBe(1500);
    expect(shown).toBe(0);
    vi.advanceTimersByTime(60);
    expect(shown).toBe(1);
    expect(store.order()).toHaveLength(1500);
    store.destroy();
  });

  it('slices that keep coming are shown at the latest after 400 ms', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    let shown = 0;
    store.subscribeOrder(() => shown++);
    for (let slice = 0; slice < 10; slice++) {
      writeShapes(doc, notes(250), ORIGIN_LOCAL);
      vi.advanceTimersByTime(50);
    }
    expect(shown).toBeGreaterThanOrEqual(1);
    store.destroy();
  });

  it('a small change shows at once, together with a bulk change still waiting', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    const orders: number[] = [];
    store.subscribeOrder(() => orders.push(store.order().length));
    writeShapes(doc, notes(3), ORIGIN_LOCAL);
    expect(orders).toEqual([3]);
    writeShapes(doc, notes(300), ORIGIN_LOCAL);
    expect(orders).toEqual([3]);
    writeShapes(doc, notes(1), ORIGIN_LOCAL);
    expect(orders).toEqual([3, 304]);
    vi.advanceTimersByTime(1000);
    expect(orders).toEqual([3, 304]);
    store.destroy();
  });
});

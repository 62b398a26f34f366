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
  it('a big board arriving in slices: the first shown at once, the rest once, when they stop', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    const orders: number[] = [];
    store.subscribeOrder(() => orders.push(store.order().length));
    for (let slice = 0; slice < 5; slice++) {
      writeShapes(doc, notes(300), ORIGIN_LOCAL);
      vi.advanceTimersByTime(20);
    }
    // Every object is there to read; the views have redrawn for the first slice only.
    expect(store.size).toBe(1500);
    expect(orders).toEqual([300]);
    vi.advanceTimersByTime(60);
    expect(orders).toEqual([300, 1500]);
    store.destroy();
  });

  it('when the first sync ends, what is held is shown at once', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    const orders: number[] = [];
    store.subscribeOrder(() => orders.push(store.order().length));
    writeShapes(doc, notes(300), ORIGIN_LOCAL);
    writeShapes(doc, notes(300), ORIGIN_LOCAL);
    expect(orders).toEqual([300]);
    store.showHeld();
    expect(orders).toEqual([300, 600]);
    vi.advanceTimersByTime(1000);
    expect(orders).toEqual([300, 600]);
    store.destroy();
  });

  it('slices that keep coming are shown at the latest every 400 ms', () => {
    const doc = new Y.Doc();
    const store = new BoardStore(doc);
    const orders: number[] = [];
    store.subscribeOrder(() => orders.push(store.order().length));
    for (let slice = 0; slice < 10; slice++) {
      writeShapes(doc, notes(250), ORIGIN_LOCAL);
      vi.advanceTimersByTime(50);
    }
    // At once, after 400 ms, after 800 ms: not for each of the ten.
    expect(orders).toEqual([250, 2250]);
    vi.advanceTimersByTime(60);
    expect(orders).toEqual([250, 2250, 2500]);
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
    writeShapes(doc, notes(300), ORIGIN_LOCAL);
    expect(orders).toEqual([3, 303]);
    writeShapes(doc, notes(1), ORIGIN_LOCAL);
    expect(orders).toEqual([3, 303, 604]);
    vi.advanceTimersByTime(1000);
    expect(orders).toEqual([3, 303, 604]);
    store.destroy();
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { derived } from './derived.js';

describe('derived', () => {
  it('computes once per document state and again after any change', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<number>('m');
    let runs = 0;
    const count = () =>
      derived(doc, 'count', (d) => {
        runs++;
        return d.getMap('m').size;
      });
    expect(count()).toBe(0);
    expect(count()).toBe(0);
    expect(runs).toBe(1);
    map.set('a', 1);
    expect(count()).toBe(1);
    expect(runs).toBe(2);
    // A change applied from elsewhere (another client, storage) counts too.
    const other = new Y.Doc();
    other.getMap<number>('m').set('b', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(count()).toBe(2);
    expect(runs).toBe(3);
  });

  it('hands out a frozen value: a caller cannot change what the next one gets', () => {
    const doc = new Y.Doc();
    const list = derived(doc, 'list', () => ({ items: [{ n: 1 }] }));
    expect(() => {
      (list.items as { n: number }[]).push({ n: 2 });
    }).toThrow(TypeError);
    expect(() => {
      (list.items[0] as { n: number }).n = 5;
    }).toThrow(TypeError);
    expect(derived(doc, 'list', () => ({ items: [] })).items).toEqual([{ n: 1 }]);
  });

  it('keeps values of different keys apart', () => {
    const doc = new Y.Doc();
    expect(derived(doc, 'a', () => 'A')).toBe('A');
    expect(derived(doc, 'b', () => 'B')).toBe('B');
    expect(derived(doc, 'a', () => 'not again')).toBe('A');
  });
});

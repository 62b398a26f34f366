import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../test/seeded-random.js';
import { sliceDocument } from './slices.js';

/**
 * A document as several people make one: three clients editing at once (notes as nested maps,
 * a text with insertions and deletions, a list), syncing in a random order now and then, and
 * everything merged on the "server" at the end.
 */
function busyDocument(seed: number): Y.Doc {
  const rand = seededRandom(seed);
  const people = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const server = new Y.Doc();
  for (let step = 0; step < 400; step++) {
    const doc = people[Math.floor(rand() * people.length)] as Y.Doc;
    const shapes = doc.getMap<Y.Map<unknown>>('shapes');
    const keys = [...shapes.keys()];
    const r = rand();
    if (r < 0.3 || keys.length === 0) {
      const note = new Y.Map<unknown>();
      note.set('text', `lapp ${step}`);
      note.set('x', step);
      shapes.set(`n${step}`, note);
    } else if (r < 0.55) {
      shapes.get(keys[Math.floor(rand() * keys.length)] as string)?.set('x', step);
    } else if (r < 0.65) {
      shapes.delete(keys[Math.floor(rand() * keys.length)] as string);
    } else if (r < 0.85) {
      const text = doc.getText('notes');
      if (rand() < 0.6 || text.length < 4)
        text.insert(Math.floor(rand() * (text.length + 1)), `ord${step} `);
      else text.delete(Math.floor(rand() * (text.length - 3)), 3);
    } else {
      doc.getArray<number>('order').insert(0, [step]);
    }
    if (rand() < 0.2) {
      // Two of them exchange what they have.
      const [a, b] = [
        people[Math.floor(rand() * 3)] as Y.Doc,
        people[Math.floor(rand() * 3)] as Y.Doc,
      ];
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    }
  }
  for (const doc of people) Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  return server;
}

describe("a big document's first sync in slices", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`each slice applies completely on its own, and all of them make the same document (seed ${seed})`, () => {
      const server = busyDocument(seed);
      const slices = sliceDocument(server, 7);
      expect(slices).not.toBeNull();
      expect((slices ?? []).length).toBeGreaterThan(10);
      const client = new Y.Doc();
      for (const slice of slices ?? []) {
        Y.applyUpdate(client, slice);
        // Nothing waits for a later slice.
        expect(client.store.pendingStructs).toBeNull();
      }
      // The deletions, as the sync step 2 that follows the slices carries them.
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(server)));
      expect(client.store.pendingStructs).toBeNull();
      expect(client.store.pendingDs).toBeNull();
      expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(server));
      expect(client.getMap('shapes').toJSON()).toEqual(server.getMap('shapes').toJSON());
      expect(client.getText('notes').toString()).toBe(server.getText('notes').toString());
      expect(client.getArray('order').toJSON()).toEqual(server.getArray('order').toJSON());
    });
  }

  it('one slice for a small document, none for an empty one', () => {
    const doc = new Y.Doc();
    expect(sliceDocument(doc, 100)).toEqual([]);
    doc.getMap('shapes').set('a', 1);
    expect(sliceDocument(doc, 100)).toHaveLength(1);
  });
});

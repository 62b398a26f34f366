import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyServerUpdate } from './server-updates.js';

/** A board-like document of `n` notes, as the server would send it whole. */
function serverState(n: number): Uint8Array {
  const doc = new Y.Doc();
  const shapes = doc.getMap<Y.Map<unknown>>('shapes');
  doc.transact(() => {
    for (let i = 0; i < n; i++) {
      const note = new Y.Map<unknown>();
      note.set('text', `Lapp ${i}: tillit mellom tjenestene`);
      note.set('x', i * 10);
      shapes.set(`lapp${i}`, note);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('an update from the server is applied without being encoded again', () => {
  it("hands the server's own bytes to the document's update listeners, once", () => {
    const doc = new Y.Doc();
    const heard: { update: Uint8Array; origin: unknown }[] = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => heard.push({ update, origin }));
    const server = { name: 'the provider' };
    const update = serverState(500);

    applyServerUpdate(doc, update, server);

    expect(doc.getMap('shapes').size).toBe(500);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.update).toBe(update);
    expect(heard[0]?.origin).toBe(server);
    // What a listener stored (the IndexedDB copy) rebuilds the same document.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, heard[0]?.update ?? new Uint8Array());
    expect(copy.getMap('shapes').toJSON()).toEqual(doc.getMap('shapes').toJSON());
  });

  it('tells nobody when the update brought nothing new, and keeps every listener for later changes', () => {
    const doc = new Y.Doc();
    const update = serverState(20);
    applyServerUpdate(doc, update, 'server');
    const heard: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => heard.push(origin));

    applyServerUpdate(doc, update, 'server');
    expect(heard).toEqual([]);

    // A local change afterwards still reaches the listener (the provider sends it).
    doc.getMap('shapes').delete('lapp0');
    expect(heard).toEqual([null]);
  });
});

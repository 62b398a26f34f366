import {
  deleteShapes,
  frameDefaults,
  ORIGIN_LOCAL,
  type Shape,
  shapesMap,
  stickyDefaults,
  updateShapes,
  writeShapes,
} from '@torg/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchesLockedFurniture } from './furniture-guard.js';

const title: Shape = {
  ...frameDefaults(),
  id: 'title',
  x: 0,
  y: 0,
  z: 'a0',
  name: '2035',
  furniture: true,
  locked: true,
};
const note: Shape = { ...stickyDefaults(), id: 'note', x: 400, y: 0, z: 'a1', text: 'Idé' };

/** The server's board and a client's copy of it; returns what the client's edit sends. */
function edit(change: (client: Y.Doc) => void, shapes: Shape[] = [title, note]) {
  const server = new Y.Doc();
  writeShapes(server, shapes, ORIGIN_LOCAL);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => sent.push(u));
  change(client);
  return { server, update: Y.mergeUpdates(sent) };
}

describe('touchesLockedFurniture', () => {
  it('moving, renaming, unlocking, deleting or replacing a locked template title touches it', () => {
    const changes: ((d: Y.Doc) => void)[] = [
      (d) => updateShapes(d, new Map([['title', { x: 50 }]]), ORIGIN_LOCAL),
      (d) => updateShapes(d, new Map([['title', { name: 'Mitt' }]]), ORIGIN_LOCAL),
      (d) => updateShapes(d, new Map([['title', { locked: false }]]), ORIGIN_LOCAL),
      (d) => deleteShapes(d, ['title'], ORIGIN_LOCAL),
      (d) => writeShapes(d, [{ ...title, name: 'Overskrevet', locked: false }], ORIGIN_LOCAL),
      (d) => shapesMap(d).get('title')?.delete('furniture'),
    ];
    for (const change of changes) {
      const { server, update } = edit(change);
      expect(touchesLockedFurniture(server, update)).toBe(true);
    }
  });

  it("a participant's own notes, new notes and unlocked furniture are free to change", () => {
    const changes: ((d: Y.Doc) => void)[] = [
      (d) => updateShapes(d, new Map([['note', { x: 10, text: 'Ny tekst' }]]), ORIGIN_LOCAL),
      (d) => deleteShapes(d, ['note'], ORIGIN_LOCAL),
      (d) =>
        writeShapes(d, [{ ...note, id: 'fresh', furniture: true, locked: true }], ORIGIN_LOCAL),
    ];
    for (const change of changes) {
      const { server, update } = edit(change);
      expect(touchesLockedFurniture(server, update)).toBe(false);
    }
    const unlocked = { ...title, locked: false };
    const { server, update } = edit(
      (d) => updateShapes(d, new Map([['title', { x: 70 }]]), ORIGIN_LOCAL),
      [unlocked, note],
    );
    expect(touchesLockedFurniture(server, update)).toBe(false);
  });

  it('an edit of a note in the same update as a furniture change is still caught', () => {
    const { server, update } = edit((d) =>
      d.transact(() => {
        updateShapes(d, new Map([['note', { x: 10 }]]), ORIGIN_LOCAL);
        deleteShapes(d, ['title'], ORIGIN_LOCAL);
      }),
    );
    expect(touchesLockedFurniture(server, update)).toBe(true);
  });
});

import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from './room.js';
import { applyStoredRows, storedAsWhole } from './stored-document.js';

const NO_HOOKS = { onLocalUpdate: () => {} };

function updatePayload(message: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(message);
  decoding.readVarUint(d); // sync
  decoding.readVarUint(d); // update
  return decoding.readVarUint8Array(d);
}

async function roomFrom(rows: Uint8Array[]): Promise<Room> {
  return new Room(
    'b.room',
    await applyStoredRows(rows),
    { rows: rows.length, whole: storedAsWhole(rows) },
    NO_HOOKS,
  );
}

/** A document's stored rows: two changes, a row each ({ a: 1, b: 2 }). */
function storedRows(): Uint8Array[] {
  const source = new Y.Doc();
  const rows: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => rows.push(u));
  source.getMap('m').set('a', 1);
  source.getMap('m').set('b', 2);
  return rows;
}

describe('Room', () => {
  it('tells a client that got the stored rows what changed while the room was made', async () => {
    const rows = storedRows();
    const room = await roomFrom(rows);
    expect(room.changesSinceLoad()).toBeNull();

    // A change before the client joined (another server's, or a service's on load).
    room.transact((doc) => {
      doc.getMap('m').set('c', 3);
      doc.getMap('m').delete('a');
    });
    const client = new Y.Doc();
    for (const row of rows) Y.applyUpdate(client, row);
    const changes = room.changesSinceLoad();
    expect(changes).not.toBeNull();
    Y.applyUpdate(client, updatePayload(changes as Uint8Array));
    expect(client.getMap('m').toJSON()).toEqual({ b: 2, c: 3 });
  });

  it('sends its stored rows as the first sync, and its own encoding once it changed', async () => {
    const rows = storedRows();
    const room = await roomFrom(rows);
    const empty = Y.encodeStateVector(new Y.Doc());
    expect(room.syncStep2(empty).map(updatePayload)).toEqual(rows);
    room.transact((doc) => doc.getMap('m').set('c', 3));
    const after = room.syncStep2(empty);
    expect(after).toHaveLength(1);
    const client = new Y.Doc();
    Y.applyUpdate(client, updatePayload(after[0] as Uint8Array));
    expect(client.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
  });
});

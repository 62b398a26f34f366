import * as Y from 'yjs';
import { encodeSyncStep2Update, encodeUpdate } from './messages.js';

/**
 * A stored row this big or smaller is small enough to go to a client as a message of its own:
 * a browser applies it in one short task. A big board's compacted slices are about 90 kB.
 */
const PART_BYTES = 128 * 1024;
/**
 * Applying a document's rows gives the event loop a turn after this long: short, since each
 * turn lets ws send one more compressed message of a first sync (see `applyStoredRows`).
 */
const YIELD_AFTER_MS = 4;

/**
 * A document's stored rows as its whole state, as they are (see `Room.wholeState`), when they
 * can be: each small enough (`PART_BYTES`) and not many more than slicing would make (a
 * compacted big board: one row per slice, one with what is deleted, perhaps one that another
 * server stored meanwhile). A long log of small changes is not: it would be hundreds of
 * messages where one encoding of the document is one.
 */
export function storedAsWhole(rows: readonly Uint8Array[]): Uint8Array[] | null {
  if (rows.length === 0) return null;
  let bytes = 0;
  for (const row of rows) {
    if (row.length > PART_BYTES) return null;
    bytes += row.length;
  }
  return rows.length <= Math.ceil(bytes / (PART_BYTES / 2)) + 3 ? [...rows] : null;
}

/**
 * A first sync of a document's whole state in parts: each part but the last as an update
 * message, applied by the client as it arrives; the last as the sync step 2 that ends the sync.
 */
export function firstSyncMessages(parts: readonly Uint8Array[]): Uint8Array[] {
  return parts.map((part, i) =>
    i === parts.length - 1 ? encodeSyncStep2Update(part) : encodeUpdate(part),
  );
}

/**
 * A new document with the stored rows applied in order (no merge first: Yjs takes updates in
 * any order). A big board takes a fifth of a second; between rows the event loop gets a turn
 * every `YIELD_AFTER_MS`, so other documents' clients are not held up meanwhile and the first
 * sync sent from the rows (see `DocRegistry.storedFirstSync`) goes out while it loads.
 */
export async function applyStoredRows(rows: readonly Uint8Array[]): Promise<Y.Doc> {
  const doc = new Y.Doc({ gc: true });
  // The first sync from the rows goes out first (its sending waits for a turn).
  if (rows.length > 1) await new Promise((resolve) => setImmediate(resolve));
  let turnAt = performance.now();
  for (const row of rows) {
    Y.applyUpdate(doc, row);
    if (performance.now() - turnAt > YIELD_AFTER_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turnAt = performance.now();
    }
  }
  return doc;
}

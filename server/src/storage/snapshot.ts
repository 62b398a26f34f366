import * as Y from 'yjs';

/**
 * A document's whole state as compaction stores it. `parts` become the log's rows in this
 * order: one update, or for a big document the slices its first sync sends (see
 * `Room.wholeState`), so that a server loading it after a restart can send them as they are
 * instead of slicing the document again (issue 23). Plain data, so it can be handed to the
 * thread that writes the log (`sqlite-log-worker.ts`).
 */
export interface Snapshot {
  readonly parts: readonly Uint8Array[];
  /**
   * What the parts hold, as Yjs encodes a snapshot (state vector and deletions), to tell which
   * rows read they contain; null when unknown: then every row read is kept after them.
   */
  readonly state: Uint8Array | null;
}

/** The snapshot of a loaded document, in `parts` made from it. */
export function docSnapshot(doc: Y.Doc, parts: readonly Uint8Array[]): Snapshot {
  return { parts, state: Y.encodeSnapshot(Y.snapshot(doc)) };
}

/** A snapshot that is one update (a backup's document); every row read is kept after it. */
export function updateSnapshot(update: Uint8Array): Snapshot {
  return { parts: [update], state: null };
}

/**
 * The rows that replace the rows a compaction read: the snapshot's parts, then, merged into
 * one, whatever those rows hold that the snapshot lacks (with several servers on one database,
 * another server's change the compacting server has not received yet). Nothing read is lost.
 */
export function compactedRows(read: readonly Uint8Array[], snapshot: Snapshot): Uint8Array[] {
  const state = snapshot.state ? Y.decodeSnapshot(snapshot.state) : null;
  const stateVector = state ? Y.encodeStateVector(state.sv) : null;
  const lacking: Uint8Array[] = [];
  for (const row of read) {
    if (!state || !stateVector) lacking.push(row);
    else if (!Y.snapshotContainsUpdate(state, row)) lacking.push(Y.diffUpdate(row, stateVector));
  }
  if (lacking.length === 0) return [...snapshot.parts];
  return [
    ...snapshot.parts,
    lacking.length === 1 ? (lacking[0] as Uint8Array) : Y.mergeUpdates(lacking),
  ];
}

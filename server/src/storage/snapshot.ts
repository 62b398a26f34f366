import * as Y from 'yjs';

/**
 * A document's whole state as compaction stores it. `parts` become the log's rows in this
 * order: one update, or for a big document the slices its first sync sends (see
 * `Room.wholeState`), so that a server loading it after a restart can send them as they are
 * instead of slicing the document again (issue 23).
 */
export interface Snapshot {
  readonly parts: readonly Uint8Array[];
  /** What of a stored row the snapshot lacks, as an update; null if it holds all of it. */
  lacking(row: Uint8Array): Uint8Array | null;
}

/** The snapshot of a loaded document, in `parts` made from it. */
export function docSnapshot(doc: Y.Doc, parts: readonly Uint8Array[]): Snapshot {
  let state: { snapshot: Y.Snapshot; stateVector: Uint8Array } | null = null;
  return {
    parts,
    lacking(row) {
      state ??= { snapshot: Y.snapshot(doc), stateVector: Y.encodeStateVector(doc) };
      return Y.snapshotContainsUpdate(state.snapshot, row)
        ? null
        : Y.diffUpdate(row, state.stateVector);
    },
  };
}

/** A snapshot that is one update (a backup's document); every row read is kept after it. */
export function updateSnapshot(update: Uint8Array): Snapshot {
  return { parts: [update], lacking: (row) => row };
}

/**
 * The rows that replace the rows a compaction read: the snapshot's parts, then, merged into
 * one, whatever those rows hold that the snapshot lacks (with several servers on one database,
 * another server's change the compacting server has not received yet). Nothing read is lost.
 */
export function compactedRows(read: readonly Uint8Array[], snapshot: Snapshot): Uint8Array[] {
  const lacking: Uint8Array[] = [];
  for (const row of read) {
    const missing = snapshot.lacking(row);
    if (missing) lacking.push(missing);
  }
  if (lacking.length === 0) return [...snapshot.parts];
  return [
    ...snapshot.parts,
    lacking.length === 1 ? (lacking[0] as Uint8Array) : Y.mergeUpdates(lacking),
  ];
}

import { boardDoc } from '../sync/page-docs.js';
import type { SyncedDocState } from '../sync/SyncedDoc.js';
import { useSyncedDoc } from '../sync/useSyncedDoc.js';

/** A board's document and connection (`ready`: the local copy or the server delivered it). */
export type BoardSync = SyncedDocState;

/**
 * Opens a board: the local IndexedDB copy (offline-first, edits kept across reloads) and the
 * server over the standard y-websocket protocol. Both merge into one Y.Doc. A board of a
 * workshop needs the member's `token`; an open scratch board needs none. While `readOnly`
 * (another group's board, a locked or ended one) no change of ours is sent.
 */
export function useBoardSync(
  boardId: string,
  options: { token?: string; readOnly?: boolean } = {},
): BoardSync | null {
  const doc = boardDoc(boardId, options.token ?? null);
  return useSyncedDoc(doc.docId, { ...doc.options, readOnly: options.readOnly ?? false });
}

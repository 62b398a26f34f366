import { boardDocId } from '@torg/shared';
import type { SyncedDocState } from '../sync/SyncedDoc.js';
import { openEarly, useSyncedDoc } from '../sync/useSyncedDoc.js';

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
  return useSyncedDoc(boardDocId(boardId), {
    token: options.token,
    readOnly: options.readOnly ?? false,
    offline: true,
  });
}

/** Starts opening a board a page will show in a moment, as `useBoardSync` opens it. */
export function openBoardEarly(boardId: string, token: string): void {
  openEarly(boardDocId(boardId), { token, offline: true });
}

import {
  attributionDocId,
  ballotsDocId,
  boardDocId,
  commentsDocId,
  inputsDocId,
  workshopDocId,
} from '@torg/shared';

/**
 * A complete workshop in one JSON-able object, for moving it to another server or keeping it
 * safe: every document (the workshop's and, per board, its board, comments, ballots and
 * attribution documents) as its full Yjs state, and every image its boards show. Ids are kept,
 * so an import restores identical documents. It carries no access: no join or observer codes,
 * no tokens (an import issues new ones).
 */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When the backup was made (ISO 8601). */
  exportedAt: string;
  workshop: {
    id: string;
    /** The workshop record's creation time, milliseconds since the epoch. */
    createdAt: number;
    /** For people and file names only; the workshop document is the source of truth. */
    title: string;
  };
  /** Every board of the workshop (its workshop document's `boards`), archived ones included. */
  boardIds: string[];
  /**
   * Every document: `w.<workshopId>`, its input rounds `i.<workshopId>` (absent in backups
   * made before input rounds existed), and per board `b.`, `c.`, `v.` and `a.<boardId>`, each
   * as base64 of `Y.encodeStateAsUpdate`.
   */
  docs: { id: string; update: string }[];
  /** Every image asset shown on the boards (found via image shapes' `assetId`). */
  assets: {
    id: string;
    boardId: string;
    mime: string;
    width: number;
    height: number;
    /** Base64 of the image bytes. */
    data: string;
  }[];
}

export const BACKUP_FORMAT = 'torg-workshop-backup';
export const BACKUP_VERSION = 1;

/** The document ids of a board (board, comments, ballots, attribution). */
export function boardDocIds(boardId: string): string[] {
  return [
    boardDocId(boardId),
    commentsDocId(boardId),
    ballotsDocId(boardId),
    attributionDocId(boardId),
  ];
}

/** Every document id of a workshop with these boards, workshop document first. */
export function backupDocIds(workshopId: string, boardIds: readonly string[]): string[] {
  return [workshopDocId(workshopId), inputsDocId(workshopId), ...boardIds.flatMap(boardDocIds)];
}

/** Documents a backup may lack (made before they existed): restored empty. */
export function optionalBackupDocIds(workshopId: string): string[] {
  return [inputsDocId(workshopId)];
}

import { boardDocId, readAllShapes, renderBoardSvg, svgDataUrl } from '@torg/shared';
import type * as Y from 'yjs';
import type { Member } from '../../sync/members.js';
import { afterMs } from '../../sync/SyncedDoc.js';
import { useSyncedDoc } from '../../sync/useSyncedDoc.js';

export const THUMB = { width: 320, height: 200 } as const;

export interface BoardMirror {
  /** The board as an SVG data URL (null until it has arrived). */
  thumbnail: string | null;
  count: number;
  /** Who has the board open. */
  members: Member[];
}

const NOTHING: BoardMirror = { thumbnail: null, count: 0, members: [] };

function drawThumbnail(doc: Y.Doc): { thumbnail: string; count: number } {
  const shapes = readAllShapes(doc);
  const svg = renderBoardSvg(shapes, { ...THUMB, maxScale: 0.5 });
  return { thumbnail: svgDataUrl(svg), count: shapes.length };
}

/** Drawing a big board is not free: at most a few times a second. */
const redrawAfter = afterMs(300);

/**
 * A read-only, invisible window onto a board for the console: its own connection that never
 * writes to the document and sends no presence (so nobody sees the console "on" their
 * board), redrawn as an SVG thumbnail at most a few times a second.
 */
export function useBoardMirror(boardId: string, token: string): BoardMirror {
  const sync = useSyncedDoc(boardDocId(boardId), {
    token,
    readOnly: true,
    invisible: true,
    members: 'others',
    read: drawThumbnail,
    readAfterChange: redrawAfter,
  });
  if (!sync) return NOTHING;
  return sync.synced
    ? { ...sync.view, members: sync.members }
    : { ...NOTHING, members: sync.members };
}

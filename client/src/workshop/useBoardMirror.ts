import { boardDocId, readAllShapes, renderBoardSvg, svgDataUrl } from '@torg/shared';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncUrl } from '../board/useBoardSync.js';
import { type Member, readMembers } from './useWorkshopDoc.js';

export const THUMB = { width: 320, height: 200 } as const;

export interface BoardMirror {
  /** The board as an SVG data URL (null until it has arrived). */
  thumbnail: string | null;
  count: number;
  /** Who has the board open. */
  members: Member[];
}

/**
 * A read-only, invisible window onto a board for the console: its own connection that never
 * writes to the document and sends no presence (so nobody sees the console "on" their
 * board), redrawn as an SVG thumbnail at most a few times a second.
 */
export function useBoardMirror(boardId: string, token: string, enabled = true): BoardMirror {
  const [mirror, setMirror] = useState<BoardMirror>({ thumbnail: null, count: 0, members: [] });
  useEffect(() => {
    if (!enabled) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncUrl(), boardDocId(boardId), doc, {
      params: { token },
      connect: false,
      maxBackoffTime: 5000,
    });
    provider.awareness.setLocalState(null);
    provider.connect();
    let synced = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      timer = null;
      const shapes = readAllShapes(doc);
      const svg = renderBoardSvg(shapes, { ...THUMB, maxScale: 0.5 });
      setMirror((m) => ({ ...m, thumbnail: svgDataUrl(svg), count: shapes.length }));
    };
    const schedule = () => {
      if (synced && !timer) timer = setTimeout(draw, 300);
    };
    doc.on('update', schedule);
    provider.on('sync', (s: boolean) => {
      if (!s) return;
      synced = true;
      draw();
    });
    const onAwareness = () =>
      setMirror((m) => ({ ...m, members: readMembers(provider.awareness) }));
    provider.awareness.on('change', onAwareness);
    return () => {
      if (timer) clearTimeout(timer);
      doc.off('update', schedule);
      provider.awareness.off('change', onAwareness);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, token, enabled]);
  return mirror;
}

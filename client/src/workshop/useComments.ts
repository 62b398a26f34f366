import { type Comment, commentsDocId, readComments } from '@torg/shared';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncUrl } from '../board/useBoardSync.js';

const NONE: Comment[] = [];

/**
 * The comments and suggestions of a workshop board (`c.<boardId>`), read-only: the server is
 * its only writer (through the API). Not kept in IndexedDB: feedback needs the server anyway.
 */
export function useComments(boardId: string, token: string | null): Comment[] {
  const [comments, setComments] = useState<Comment[]>(NONE);

  useEffect(() => {
    setComments(NONE);
    if (!token) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(syncUrl(), commentsDocId(boardId), doc, {
      params: { token },
      maxBackoffTime: 5000,
    });
    let frame = 0;
    const onUpdate = () => {
      // Several server transactions can arrive together: read once per frame.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setComments(readComments(doc));
      });
    };
    doc.on('update', onUpdate);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      doc.off('update', onUpdate);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, token]);

  return comments;
}

import { type Comment, commentsDocId, type Dot, readComments, readDots } from '@torg/shared';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncUrl } from '../board/useBoardSync.js';

const NONE: Comment[] = [];
const NO_DOTS: Dot[] = [];

export interface CommentsDoc {
  comments: Comment[];
  /** The board's vote dots (all votes; filter by `voteId`). */
  dots: Dot[];
}

/**
 * The comments and suggestions of a workshop board (`c.<boardId>`), read-only: the server is
 * its only writer (through the API). Not kept in IndexedDB: feedback needs the server anyway.
 * The same document holds the board's dot-vote dots.
 */
export function useComments(boardId: string, token: string | null): CommentsDoc {
  const [comments, setComments] = useState<Comment[]>(NONE);
  const [dots, setDots] = useState<Dot[]>(NO_DOTS);

  useEffect(() => {
    setComments(NONE);
    setDots(NO_DOTS);
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
      frame = window.setTimeout(() => {
        frame = 0;
        setComments(readComments(doc));
        setDots(readDots(doc));
      });
    };
    doc.on('update', onUpdate);
    return () => {
      if (frame) clearTimeout(frame);
      doc.off('update', onUpdate);
      provider.destroy();
      doc.destroy();
    };
  }, [boardId, token]);

  return { comments, dots };
}

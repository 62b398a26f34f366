import {
  type Comment,
  commentsDocId,
  type Dot,
  type Reaction,
  readComments,
  readDots,
  readReactions,
} from '@torg/shared';
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncUrl } from '../board/useBoardSync.js';

/** What a board's comments document (`c.<boardId>`) holds. */
export interface CommentsDoc {
  comments: Comment[];
  /** "+1" reactions on the board's objects. */
  reactions: Reaction[];
  /** The board's vote dots (all votes; filter by `voteId`). */
  dots: Dot[];
}

const EMPTY: CommentsDoc = { comments: [], reactions: [], dots: [] };

/**
 * The comments, suggestions, reactions and vote dots of a workshop board (`c.<boardId>`),
 * read-only: the server is its only writer (through the API). Not kept in IndexedDB:
 * feedback needs the server anyway.
 */
export function useComments(boardId: string, token: string | null): CommentsDoc {
  const [content, setContent] = useState<CommentsDoc>(EMPTY);

  useEffect(() => {
    setContent(EMPTY);
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
        setContent({
          comments: readComments(doc),
          reactions: readReactions(doc),
          dots: readDots(doc),
        });
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

  return content;
}

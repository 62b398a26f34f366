import {
  type Comment,
  commentsDocId,
  type Dot,
  type Reaction,
  readComments,
  readDots,
  readReactions,
} from '@torg/shared';
import type * as Y from 'yjs';
import { useSyncedDoc } from '../../sync/useSyncedDoc.js';

/** What a board's comments document (`c.<boardId>`) holds. */
export interface CommentsDoc {
  comments: Comment[];
  /** "+1" reactions on the board's objects. */
  reactions: Reaction[];
  /** The board's vote dots (all votes; filter by `voteId`). */
  dots: Dot[];
}

const EMPTY: CommentsDoc = { comments: [], reactions: [], dots: [] };

const readCommentsDoc = (doc: Y.Doc): CommentsDoc => ({
  comments: readComments(doc),
  reactions: readReactions(doc),
  dots: readDots(doc),
});

/**
 * The comments, suggestions, reactions and vote dots of a workshop board (`c.<boardId>`),
 * read-only: the server is its only writer (through the API). Not kept in IndexedDB:
 * feedback needs the server anyway.
 */
export function useComments(boardId: string, token: string | null): CommentsDoc {
  const sync = useSyncedDoc(token ? commentsDocId(boardId) : null, {
    token,
    readOnly: true,
    read: readCommentsDoc,
  });
  return sync?.view ?? EMPTY;
}

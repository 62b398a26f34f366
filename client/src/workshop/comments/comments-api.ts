import type { addCommentBody, Comment } from '@torg/shared';
import { enc, type Input, request } from '../api.js';

const commentsPath = (id: string, boardId: string) =>
  `/api/workshops/${enc(id)}/boards/${enc(boardId)}/comments`;

/** Comments, suggestions and "+1" on a workshop board (the server writes them into `c.<boardId>`). */
export const commentsApi = {
  add: (id: string, token: string, boardId: string, body: Input<typeof addCommentBody>) =>
    request<{ comment: Comment }>('POST', commentsPath(id, boardId), { token, body }),
  reply: (id: string, token: string, boardId: string, commentId: string, text: string) =>
    request<{ comment: Comment }>(
      'POST',
      `${commentsPath(id, boardId)}/${enc(commentId)}/replies`,
      {
        token,
        body: { text },
      },
    ),
  setStatus: (
    id: string,
    token: string,
    boardId: string,
    commentId: string,
    status: 'open' | 'resolved',
  ) =>
    request<{ comment: Comment }>('POST', `${commentsPath(id, boardId)}/${enc(commentId)}/status`, {
      token,
      body: { status },
    }),
  accept: (id: string, token: string, boardId: string, commentId: string) =>
    request<{ comment: Comment; shapeId: string }>(
      'POST',
      `${commentsPath(id, boardId)}/${enc(commentId)}/accept`,
      { token },
    ),
  toggleReaction: (id: string, token: string, boardId: string, shapeId: string) =>
    request<{ reacted: boolean; count: number }>(
      'POST',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/reactions`,
      { token, body: { shapeId } },
    ),
};

import { enc, request } from '../api.js';

/** Who made each object of a board: shape id → participant id (see the server's BoardAuthors). */
export const authorsApi = {
  get: (id: string, token: string, boardId: string) =>
    request<{ authors: Record<string, string> }>(
      'GET',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/authors`,
      { token },
    ),
};

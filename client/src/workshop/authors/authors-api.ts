import { enc, request } from '../api.js';

/**
 * Who made each object of a board: shape id → participant id (see the server's BoardAuthors).
 * With `since` (the `asOf` of the last answer) only the objects made since.
 */
export const authorsApi = {
  get: (id: string, token: string, boardId: string, since: number | null) =>
    request<{ authors: Record<string, string>; asOf: number }>(
      'GET',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/authors${since === null ? '' : `?since=${since}`}`,
      { token },
    ),
};

import type { Dot, StartVote, Vote, VoteBallot, VoteResults } from '@torg/shared';
import { enc, request } from '../api.js';

/** Dot voting: the facilitator's commands and results, a participant's own dots. */
export const votesApi = {
  start: (id: string, token: string, body: StartVote) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote`, { token, body }),
  close: (id: string, token: string) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote/close`, { token }),
  showResults: (id: string, token: string, show: boolean) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote/results-visible`, {
      token,
      body: { show },
    }),
  results: (id: string, token: string) =>
    request<VoteResults>('GET', `/api/workshops/${enc(id)}/vote/results`, { token }),
  ballot: (id: string, token: string) =>
    request<VoteBallot>('GET', `/api/workshops/${enc(id)}/vote/ballot`, { token }),
  mine: (id: string, token: string) =>
    request<MyDots>('GET', `/api/workshops/${enc(id)}/vote/mine`, { token }),
  placeDot: (id: string, token: string, boardId: string, shapeId: string) =>
    request<{ dotId: string; left: number }>(
      'POST',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/dots`,
      { token, body: { shapeId } },
    ),
  removeDot: (id: string, token: string, boardId: string, dotId: string) =>
    request<{ left: number }>(
      'DELETE',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/dots/${enc(dotId)}`,
      { token },
    ),
};

/** A participant's own dots in the current vote (every board of it) and how many are left. */
export interface MyDots {
  voteId: string;
  left: number;
  dots: Dot[];
}

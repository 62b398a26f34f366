import type { contributeBody, MessageKey, PublicRound, RoundOutcome } from '@torg/shared';
import { ApiError, errorKey, type Input, request } from '../workshop/api.js';

/**
 * The public side of an input round (server/src/routes/input.ts): no account and no token,
 * only the link's two ids. Failures are `ApiError`s like the rest of the API's.
 */
export const inputApi = {
  round: (workshopId: string, roundId: string) =>
    request<PublicRound>('GET', roundPath(workshopId, roundId)),
  contribute: (workshopId: string, roundId: string, body: Input<typeof contributeBody>) =>
    request<{ received: number }>('POST', roundPath(workshopId, roundId), { body }),
  outcome: (workshopId: string, roundId: string) =>
    request<RoundOutcome>('GET', `${roundPath(workshopId, roundId)}/outcome`),
};

function roundPath(workshopId: string, roundId: string): string {
  return `/api/input/${encodeURIComponent(workshopId)}/${encodeURIComponent(roundId)}`;
}

/** An unknown gathering or round, or (for the outcome) one not published yet. */
export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 400);
}

/** The round stopped taking input (closed by hand, or its time ran out) while the page was open. */
export function isRoundClosed(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.code === 'round_closed';
}

/** What to tell a contributor whose answer was not taken (the closed round aside). */
export function contributeErrorKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError) || err.status === 0) return 'contribute.network';
  // The round's own limits (`too_fast`) and the server's per-address budget (`rate_limited`).
  if (err.status === 429) return 'contribute.tooFast';
  if (err.code === 'round_full') return 'contribute.full';
  return errorKey(err);
}

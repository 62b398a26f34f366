import type { Role } from './roles.js';
import type { WorkshopBoard, WorkshopState } from './workshop.js';

// Who may do what in a workshop: rules the server enforces and the client follows to show
// only what would be taken (comment rules are beside the comments, in comments.ts).

export type BoardAccess = 'write' | 'read';

/**
 * Who may write a board's content — the single rule the server enforces and the client
 * mirrors to show read-only. Nobody writes once the workshop has ended; facilitators write
 * otherwise; members of the owning group (or
 * every participant, on a plenary board) write unless the board, the whole workshop, or the
 * ended workshop locks it; everyone else reads.
 *
 * The market square changes nothing here: a visiting group (see `visitingBoard`) reads the
 * host board's content like any other non-member — visitors add comments, never content.
 */
export function boardAccess(
  state: WorkshopState,
  board: WorkshopBoard,
  who: { role: Role; participantId: string },
): BoardAccess {
  // An ended workshop is read-only for everyone: what is exported is what was there.
  if (state.meta?.ended) return 'read';
  if (who.role === 'facilitator') return 'write';
  if (who.role !== 'participant') return 'read';
  if (state.meta?.allLocked || board.locked || board.archived) return 'read';
  if (board.groupId === null) return 'write';
  const me = state.participants.find((p) => p.id === who.participantId);
  return me?.groupId === board.groupId ? 'write' : 'read';
}

/** Why someone may not place or take back a dot on a board now (the server's error code). */
export type VoteRefusal = 'workshop_ended' | 'forbidden' | 'not_found' | 'no_vote';

/**
 * Whether this person may vote on this board now: participants only, on a board of an open
 * vote, in a workshop that has not ended. Null when they may; else the reason, which the
 * server answers with and the client uses to offer "Sett prikk" only where it would be taken.
 */
export function voteRefusal(
  state: WorkshopState,
  boardId: string,
  who: { role: Role },
): VoteRefusal | null {
  if (state.meta?.ended) return 'workshop_ended';
  if (who.role !== 'participant') return 'forbidden';
  if (!state.boards.some((b) => b.id === boardId)) return 'not_found';
  if (state.vote?.state !== 'open' || !state.vote.boardIds.includes(boardId)) return 'no_vote';
  return null;
}

/** Why someone may not pick a group's market host now (the server's error code). */
export type HostPickRefusal =
  | 'workshop_ended'
  | 'no_market'
  | 'market_started'
  | 'not_found'
  | 'forbidden';

/**
 * Whether this person may pick who stays home to present for `groupId`: before the rounds
 * start, the facilitator for any group on the market square, a participant for their own.
 * Null when they may; else the reason (the server answers with it; the client shows the
 * picker only where it would be taken).
 */
export function hostPickRefusal(
  state: WorkshopState,
  groupId: string,
  who: { role: Role; participantId: string },
): HostPickRefusal | null {
  if (state.meta?.ended) return 'workshop_ended';
  const m = state.market;
  if (!m) return 'no_market';
  if (m.state !== 'setup') return 'market_started';
  if (!(groupId in m.boardIds)) return 'not_found';
  if (who.role === 'observer') return 'forbidden';
  if (who.role === 'participant') {
    const me = state.participants.find((p) => p.id === who.participantId);
    if (me?.groupId !== groupId) return 'forbidden';
  }
  return null;
}

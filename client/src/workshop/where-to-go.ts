import {
  type MessageKey,
  visitingBoard,
  type WorkshopBoard,
  type WorkshopState,
} from '@torg/shared';
import { currentBoardFor } from './boards.js';
import type { Viewer } from './context.js';
import { marketPlaceOf } from './market/market-logic.js';

/** A pointer to the board a participant belongs on: what to say, and where "Gå dit" leads. */
export interface GoThere {
  key: MessageKey;
  params: Record<string, string>;
  board: WorkshopBoard;
}

/**
 * Where a participant looking at `board` should be instead, or null when they are where they
 * belong. In a market round that is the round's board, named for what they do there (visit
 * another group, host, stay home); otherwise their group's board when they look at another
 * group's (or were just moved), or their group's newer board (a new phase).
 */
export function whereToGo(
  state: WorkshopState,
  board: WorkshopBoard,
  viewer: Viewer,
  readOnlyReason: MessageKey | null,
): GoThere | null {
  if (viewer.role !== 'participant') return null;
  const roundBoardId = visitingBoard(state, viewer.participantId);
  if (roundBoardId) {
    const target = state.boards.find((b) => b.id === roundBoardId);
    const place = marketPlaceOf(state, viewer.participantId);
    if (!target || target.id === board.id || !place) return null;
    if (place.visiting) {
      const group = state.groups.find((g) => g.id === place.visiting)?.name ?? target.name;
      return { key: 'market.goVisit', params: { group, name: target.name }, board: target };
    }
    return {
      key: place.hosting ? 'market.goHost' : 'market.goHome',
      params: { name: target.name },
      board: target,
    };
  }
  const current = currentBoardFor(state, viewer.participantId);
  if (!current || current.id === board.id) return null;
  if (current.createdAt > board.createdAt)
    return { key: 'workshop.newBoard', params: { name: current.name }, board: current };
  if (readOnlyReason === 'readonly.otherGroup')
    return { key: 'workshop.yourBoard', params: { name: current.name }, board: current };
  return null;
}

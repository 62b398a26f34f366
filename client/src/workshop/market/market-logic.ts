import { visitorsOf, type WorkshopState, whereIs } from '@torg/shared';
import { currentBoardFor } from '../boards.js';

/** Where a participant is in the running (or paused) market: the round, and whom they visit. */
export interface MarketPlace {
  round: number;
  total: number;
  /** The group whose board they visit; null when they are at home. */
  visiting: string | null;
  /** At home with a visiting group to present to (false when nobody comes this round). */
  hosting: boolean;
}

export function marketPlaceOf(state: WorkshopState, participantId: string): MarketPlace | null {
  const m = state.market;
  if (!m || (m.state !== 'running' && m.state !== 'paused')) return null;
  const me = state.participants.find((p) => p.id === participantId);
  if (me?.role !== 'participant' || !me.groupId) return null;
  const dest = m.hostIds.includes(me.id) ? me.groupId : whereIs(m.plan, m.round, me.groupId);
  const home = dest === me.groupId;
  return {
    round: m.round,
    total: m.plan.length,
    visiting: home ? null : dest,
    hosting: home && visitorsOf(m.plan, m.round, me.groupId).length > 0,
  };
}

/**
 * The board a participant goes back to when the market ends: their group's board in the
 * market's phase (unless archived), else where they belong now.
 */
export function homeBoardAfterMarket(state: WorkshopState, participantId: string): string | null {
  const me = state.participants.find((p) => p.id === participantId);
  const own = me?.groupId ? state.market?.boardIds[me.groupId] : undefined;
  const board = own ? state.boards.find((b) => b.id === own && !b.archived) : undefined;
  return board?.id ?? currentBoardFor(state, participantId)?.id ?? null;
}

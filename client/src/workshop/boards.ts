import {
  boardAccess,
  groupStickyColor,
  type MessageKey,
  type Participant,
  type WorkshopBoard,
  type WorkshopState,
} from '@torg/shared';
import type { BoardRules } from '../board/editor/Editor.js';
import type { Viewer } from './context.js';

const newest = (boards: WorkshopBoard[]): WorkshopBoard | null =>
  boards.reduce<WorkshopBoard | null>((a, b) => (!a || b.createdAt >= a.createdAt ? b : a), null);

/**
 * The board a participant belongs on now: the newest open board of their group, else the
 * newest open plenary board, else none (the facilitator has not started a phase yet).
 */
export function currentBoardFor(state: WorkshopState, participantId: string): WorkshopBoard | null {
  const me = state.participants.find((p) => p.id === participantId);
  const open = state.boards.filter((b) => !b.archived);
  const own = me?.groupId ? open.filter((b) => b.groupId === me.groupId) : [];
  return newest(own) ?? newest(open.filter((b) => b.groupId === null));
}

/**
 * A participant's board of one phase: their group's, else the phase's plenary board, else
 * none (archived boards are not offered).
 */
export function phaseBoardFor(
  state: WorkshopState,
  participantId: string,
  phaseId: string,
): WorkshopBoard | null {
  const me = state.participants.find((p) => p.id === participantId);
  const open = state.boards.filter((b) => b.phaseId === phaseId && !b.archived);
  return (
    (me?.groupId ? open.find((b) => b.groupId === me.groupId) : undefined) ??
    open.find((b) => b.groupId === null) ??
    null
  );
}

/**
 * Why this person may only read this board (the reason shown next to "Read-only"), or null
 * when they may write. Mirrors `boardAccess`, which the server enforces.
 */
export function readOnlyReason(
  state: WorkshopState,
  board: WorkshopBoard,
  viewer: Viewer,
): MessageKey | null {
  if (boardAccess(state, board, viewer) === 'write') return null;
  if (viewer.role === 'observer') return 'readonly.observer';
  if (state.meta?.ended) return 'readonly.ended';
  if (board.archived) return 'readonly.archived';
  if (state.meta?.allLocked || board.locked) return 'readonly.locked';
  return 'readonly.otherGroup';
}

/** Boards of a workshop in the order the console lists them: by phase, then by group. */
export function boardsByPhase(
  state: WorkshopState,
): { phaseId: string | null; boards: WorkshopBoard[] }[] {
  const groupOrder = new Map(state.groups.map((g) => [g.id, g.order]));
  const rank = (b: WorkshopBoard) =>
    b.groupId === null ? -1 : (groupOrder.get(b.groupId) ?? Number.MAX_SAFE_INTEGER);
  const sections: { phaseId: string | null; boards: WorkshopBoard[] }[] = [];
  for (const phase of [...state.phases].reverse()) {
    const boards = state.boards.filter((b) => b.phaseId === phase.id);
    if (boards.length)
      sections.push({ phaseId: phase.id, boards: boards.sort((a, b) => rank(a) - rank(b)) });
  }
  const known = new Set(state.phases.map((p) => p.id));
  const rest = state.boards.filter((b) => b.phaseId === null || !known.has(b.phaseId));
  if (rest.length) sections.push({ phaseId: null, boards: rest.sort((a, b) => rank(a) - rank(b)) });
  return sections;
}

/**
 * What a workshop board allows this person beyond writing: new notes in their group's colour
 * (yellow for facilitators and people without a group), and unlocking a template's furniture
 * only for facilitators.
 */
export function boardRules(
  state: WorkshopState,
  viewer: Viewer,
  me: Participant | undefined,
): BoardRules {
  return {
    stickyColor: groupStickyColor(state.groups, me?.groupId ?? null),
    mayUnlockFurniture: viewer.role === 'facilitator',
  };
}

import type { WorkshopState } from '@torg/shared';

/**
 * How the vote's lists name a board: its name, with its group when the name does not say it
 * (each group's board of a phase has the phase's name), as the board's own title bar does.
 */
export function boardLabel(state: WorkshopState, boardId: string, plenary: string): string {
  const board = state.boards.find((b) => b.id === boardId);
  if (!board) return '';
  const group = board.groupId ? state.groups.find((g) => g.id === board.groupId) : null;
  const owner = group ? group.name : plenary;
  return board.name.includes(owner) ? board.name : `${board.name} · ${owner}`;
}

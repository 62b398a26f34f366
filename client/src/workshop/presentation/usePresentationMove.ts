import type { Role } from '@torg/shared';
import { useEffect, useRef } from 'react';
import { navigate } from '../../router.js';

/**
 * Everyone to the presented board: when a presentation begins, or a round moves to the next
 * group's board, each page goes there. The facilitator's page only when it shows the board
 * presented before (watching along), not when it is the console that started it. Like "bring
 * everyone here", a presentation already running when the page caught up is history, not a
 * call: the person is not moved (the banner on their board offers the way).
 */
export function usePresentationMove({
  serverSynced,
  boardId,
  role,
  workshopId,
}: {
  serverSynced: boolean;
  /** The presented board, or null. */
  boardId: string | null;
  role: Role | null;
  workshopId: string;
}): void {
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (!serverSynced) return;
    const before = seen.current;
    seen.current = boardId;
    if (before === undefined || boardId === before || !boardId) return;
    const boardPath = (id: string) => `/w/${workshopId}/b/${id}`;
    const watching = before !== null && window.location.pathname === boardPath(before);
    if (role === 'facilitator' && !watching) return;
    if (window.location.pathname !== boardPath(boardId)) navigate(boardPath(boardId));
  }, [serverSynced, boardId, role, workshopId]);
}

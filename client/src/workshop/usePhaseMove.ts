import { visitingBoard, type WorkshopState } from '@torg/shared';
import { useEffect, useRef } from 'react';
import { navigate } from '../router.js';
import { phaseBoardFor } from './boards.js';

/**
 * "Everyone to the new phase": a participant's page goes to their group's board of that phase
 * when the facilitator's command arrives. Only a command newer than the one found when the
 * page caught up with the server is acted on (a reload is not a new command; a latecomer lands
 * on their newest board anyway). During a market round the round decides where people are
 * (the server refuses the command then).
 */
export function usePhaseMove({
  serverSynced,
  state,
  participantId,
  workshopId,
  onMoved,
}: {
  serverSynced: boolean;
  state: WorkshopState;
  /** Null for facilitators and observers: they are not moved. */
  participantId: string | null;
  workshopId: string;
  /** Told where the person was moved (the board says "the facilitator brought you here"). */
  onMoved(boardId: string, at: number): void;
}): void {
  const seen = useRef<number | null | undefined>(undefined);
  const move = state.phaseMove ?? null;
  const target =
    move && participantId && !visitingBoard(state, participantId)
      ? (phaseBoardFor(state, participantId, move.phaseId)?.id ?? null)
      : null;
  const seq = move?.seq ?? null;
  const at = move?.at ?? 0;
  const told = useRef(onMoved);
  told.current = onMoved;
  useEffect(() => {
    if (!serverSynced) return;
    if (seen.current === undefined) {
      seen.current = seq;
      return;
    }
    if (seq === seen.current) return;
    seen.current = seq;
    if (!target) return;
    told.current(target, at);
    const path = `/w/${workshopId}/b/${target}`;
    if (window.location.pathname !== path) navigate(path);
  }, [serverSynced, seq, target, at, workshopId]);
}

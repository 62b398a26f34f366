import { IDLE_TIMER, type WorkshopBoard, type WorkshopState } from '@torg/shared';

/** A workshop of two groups and its boards, for the tests of the workshop's rules. */
export const board = (
  id: string,
  groupId: string | null,
  createdAt: number,
  extra: Partial<WorkshopBoard> = {},
): WorkshopBoard => ({
  id,
  name: id,
  groupId,
  phaseId: null,
  template: 'blank',
  archived: false,
  locked: false,
  createdAt,
  ...extra,
});

export function state(boards: WorkshopBoard[], patch: Partial<WorkshopState> = {}): WorkshopState {
  return {
    meta: { title: 'Samling', date: '2026-11-22', ended: false, allLocked: false, createdAt: 1 },
    groups: [
      { id: 'grp1', name: 'Gruppe 1', order: 0 },
      { id: 'grp2', name: 'Gruppe 2', order: 1 },
    ],
    participants: [
      { id: 'anne', name: 'Anne', role: 'participant', groupId: 'grp1', joinedAt: 1 },
      { id: 'ola1', name: 'Ola', role: 'participant', groupId: null, joinedAt: 2 },
      { id: 'obs1', name: 'Per', role: 'observer', groupId: null, joinedAt: 3 },
    ],
    boards,
    phases: [],
    message: null,
    timer: IDLE_TIMER,
    bring: null,
    market: null,
    vote: null,
    ...patch,
  };
}

/** A market square over the two groups' boards b1b1 and b2b2, round 1 running: they swap. */
export const swapMarket = {
  phaseId: 'ph01',
  boardIds: { grp1: 'b1b1', grp2: 'b2b2' },
  plan: [{ grp1: 'grp2', grp2: 'grp1' }],
  hostIds: [] as string[],
  roundMs: 480_000,
  state: 'running' as const,
  round: 0,
  endsAt: 1000,
  remainingMs: 0,
};

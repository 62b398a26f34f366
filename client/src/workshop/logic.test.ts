import { IDLE_TIMER, type WorkshopBoard, type WorkshopState } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import {
  boardsByPhase,
  currentBoardFor,
  formatClock,
  homeBoardAfterMarket,
  localToday,
  marketPlaceOf,
  marketTimer,
  readOnlyReason,
  timerRemaining,
} from './logic.js';

const board = (
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

function state(boards: WorkshopBoard[], patch: Partial<WorkshopState> = {}): WorkshopState {
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

describe('currentBoardFor', () => {
  it("picks the newest open board of the person's group", () => {
    const s = state([
      board('old1', 'grp1', 10),
      board('new1', 'grp1', 20),
      board('arch', 'grp1', 30, { archived: true }),
      board('oth2', 'grp2', 40),
      board('plen', null, 50),
    ]);
    expect(currentBoardFor(s, 'anne')?.id).toBe('new1');
  });

  it('falls back to the newest plenary board, then to none', () => {
    expect(
      currentBoardFor(state([board('oth2', 'grp2', 1), board('plen', null, 2)]), 'anne')?.id,
    ).toBe('plen');
    expect(currentBoardFor(state([board('plen', null, 2)]), 'ola1')?.id).toBe('plen');
    expect(currentBoardFor(state([board('oth2', 'grp2', 1)]), 'anne')).toBeNull();
    expect(currentBoardFor(state([]), 'anne')).toBeNull();
  });
});

describe('readOnlyReason', () => {
  const own = board('own1', 'grp1', 1);
  const anne = { role: 'participant' as const, participantId: 'anne' };
  it('is null when the person may write', () => {
    expect(readOnlyReason(state([own]), own, anne)).toBeNull();
    expect(
      readOnlyReason(state([own]), own, { role: 'facilitator', participantId: 'f' }),
    ).toBeNull();
  });
  it('names the reason', () => {
    expect(readOnlyReason(state([own]), own, { role: 'observer', participantId: 'obs1' })).toBe(
      'readonly.observer',
    );
    expect(readOnlyReason(state([own]), board('oth2', 'grp2', 1), anne)).toBe(
      'readonly.otherGroup',
    );
    expect(readOnlyReason(state([own]), { ...own, locked: true }, anne)).toBe('readonly.locked');
    const s = state([own]);
    expect(
      readOnlyReason({ ...s, meta: s.meta && { ...s.meta, allLocked: true } }, own, anne),
    ).toBe('readonly.locked');
    expect(readOnlyReason({ ...s, meta: s.meta && { ...s.meta, ended: true } }, own, anne)).toBe(
      'readonly.ended',
    );
    expect(readOnlyReason(s, { ...own, archived: true }, anne)).toBe('readonly.archived');
  });
});

describe('timer', () => {
  it('counts down from the server end time, and holds when paused', () => {
    expect(
      timerRemaining(
        { state: 'running', durationMs: 60_000, endsAt: 10_000, remainingMs: 0 },
        4_000,
      ),
    ).toBe(6_000);
    expect(
      timerRemaining(
        { state: 'running', durationMs: 60_000, endsAt: 10_000, remainingMs: 0 },
        12_000,
      ),
    ).toBe(0);
    expect(
      timerRemaining({ state: 'paused', durationMs: 60_000, endsAt: null, remainingMs: 5_000 }, 99),
    ).toBe(5_000);
    expect(timerRemaining(IDLE_TIMER, 99)).toBe(0);
  });
  it('formats as m:ss, rounding up', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(10 * 60_000)).toBe('10:00');
    expect(formatClock(3_600_000 + 5_000)).toBe('1:00:05');
  });
});

describe('dates and lists', () => {
  it('gives today as YYYY-MM-DD in local time', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
  it('lists boards by phase, newest phase first, plenary before groups', () => {
    const s = state(
      [
        board('b2p1', 'grp2', 1, { phaseId: 'ph1' }),
        board('b1p1', 'grp1', 1, { phaseId: 'ph1' }),
        board('b1p2', 'grp1', 2, { phaseId: 'ph2' }),
        board('plp2', null, 2, { phaseId: 'ph2' }),
        board('free', null, 3),
      ],
      {
        phases: [
          { id: 'ph1', name: 'Innsikt', template: 'blank', order: 0 },
          { id: 'ph2', name: 'Fremtid', template: 'blank', order: 1 },
        ],
      },
    );
    expect(boardsByPhase(s).map((x) => [x.phaseId, x.boards.map((b) => b.id)])).toEqual([
      ['ph2', ['plp2', 'b1p2']],
      ['ph1', ['b1p1', 'b2p1']],
      [null, ['free']],
    ]);
  });
});

describe('market helpers', () => {
  const boards = [board('b1b1', 'grp1', 1), board('b2b2', 'grp2', 2)];
  const market = {
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
  it('says where a participant is in the round', () => {
    expect(marketPlaceOf(state(boards, { market }), 'anne')).toEqual({
      round: 0,
      total: 1,
      visiting: 'grp2',
      hosting: false,
    });
    // Anne stays home to present while group 2 visits; with nobody coming she is just home.
    const hosted = { ...market, hostIds: ['anne'] };
    expect(marketPlaceOf(state(boards, { market: hosted }), 'anne')).toMatchObject({
      visiting: null,
      hosting: true,
    });
    const alone = { ...hosted, plan: [{ grp1: 'grp2' }] };
    expect(marketPlaceOf(state(boards, { market: alone }), 'anne')).toMatchObject({
      visiting: null,
      hosting: false,
    });
    expect(marketPlaceOf(state(boards, { market: { ...market, state: 'ended' } }), 'anne')).toBe(
      null,
    );
    expect(marketPlaceOf(state(boards, { market }), 'obs1')).toBeNull();
  });
  it('turns the round clock into a timer and finds the way home', () => {
    expect(marketTimer(market)).toEqual({
      state: 'running',
      durationMs: 480_000,
      endsAt: 1000,
      remainingMs: 0,
    });
    expect(marketTimer({ ...market, state: 'setup' }).state).toBe('idle');
    expect(homeBoardAfterMarket(state(boards, { market }), 'anne')).toBe('b1b1');
  });
});

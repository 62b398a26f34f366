import { describe, expect, it } from 'vitest';
import { hostPickRefusal, voteRefusal } from './access.js';
import { planRoundRobin } from './market.js';
import {
  groupBoardName,
  IDLE_TIMER,
  type Market,
  marketCommandBody,
  marketSchema,
  marketSetupBody,
  NAME_MAX,
  visitingBoard,
  type WorkshopState,
} from './workshop.js';

const groups = ['grpA', 'grpB', 'grpC'];
const boardIds = { grpA: 'brdA', grpB: 'brdB', grpC: 'brdC' };

function state(market: Partial<Market> | null): WorkshopState {
  return {
    meta: { title: 'Torg', date: '2026-11-23', ended: false, allLocked: false, createdAt: 1 },
    groups: groups.map((id, order) => ({ id, name: id, order })),
    participants: [
      { id: 'anne', name: 'Anne', role: 'participant', groupId: 'grpA', joinedAt: 1 },
      { id: 'hans', name: 'Hans', role: 'participant', groupId: 'grpA', joinedAt: 2 },
      { id: 'ola1', name: 'Ola', role: 'participant', groupId: null, joinedAt: 3 },
      { id: 'fac1', name: 'Fa', role: 'facilitator', groupId: null, joinedAt: 0 },
    ],
    boards: [],
    phases: [],
    message: null,
    timer: IDLE_TIMER,
    bring: null,
    market:
      market &&
      marketSchema.parse({
        phaseId: 'phs1',
        boardIds,
        plan: planRoundRobin(groups),
        hostIds: ['hans'],
        state: 'running',
        round: 0,
        endsAt: 10,
        remainingMs: 0,
        ...market,
      }),
    vote: null,
  };
}

describe('visitingBoard', () => {
  it('a member goes to the board of the group the plan names, round by round', () => {
    expect(visitingBoard(state({}), 'anne')).toBe('brdB');
    expect(visitingBoard(state({ round: 1 }), 'anne')).toBe('brdC');
    expect(visitingBoard(state({ state: 'paused', endsAt: null }), 'anne')).toBe('brdB');
  });

  it('a host stays on the own board', () => {
    expect(visitingBoard(state({}), 'hans')).toBe('brdA');
  });

  it('null without a running or paused market, without a group, or for a facilitator', () => {
    expect(visitingBoard(state(null), 'anne')).toBeNull();
    expect(visitingBoard(state({ state: 'setup' }), 'anne')).toBeNull();
    expect(visitingBoard(state({ state: 'ended' }), 'anne')).toBeNull();
    expect(visitingBoard(state({}), 'ola1')).toBeNull();
    expect(visitingBoard(state({}), 'fac1')).toBeNull();
    expect(visitingBoard(state({}), 'nobody')).toBeNull();
  });
});

describe('market schemas', () => {
  it('round length: 8 minutes by default, 30 s to 1 h', () => {
    const base = {
      phaseId: 'phs1',
      boardIds,
      plan: [],
      hostIds: [],
      state: 'setup',
      round: 0,
      endsAt: null,
      remainingMs: 0,
    };
    expect(marketSchema.parse(base).roundMs).toBe(480_000);
    expect(marketSchema.safeParse({ ...base, roundMs: 29_999 }).success).toBe(false);
    expect(marketSchema.safeParse({ ...base, roundMs: 3_600_001 }).success).toBe(false);
    expect(marketSetupBody.safeParse({ phaseId: 'phs1', roundMs: 1000 }).success).toBe(false);
  });

  it('commands', () => {
    expect(marketCommandBody.parse({ action: 'extend', ms: 60_000 })).toEqual({
      action: 'extend',
      ms: 60_000,
    });
    expect(marketCommandBody.safeParse({ action: 'extend' }).success).toBe(false);
    expect(marketCommandBody.safeParse({ action: 'jump' }).success).toBe(false);
  });
});

describe('groupBoardName', () => {
  it('joins phase and group, and shortens the phase so the whole fits NAME_MAX', () => {
    expect(groupBoardName('Fremtid', 'Gruppe A')).toBe('Fremtid – Gruppe A');
    const long = groupBoardName('x'.repeat(NAME_MAX), 'Gruppe A');
    expect(long).toHaveLength(NAME_MAX);
    expect(long.endsWith('… – Gruppe A')).toBe(true);
    const both = groupBoardName('Fase '.repeat(16).trim(), 'G'.repeat(NAME_MAX));
    expect(both.length).toBeLessThanOrEqual(NAME_MAX);
    expect(both).toMatch(/^Fase Fase.*… – GGG.*…$/);
    expect(groupBoardName('Fase', 'G'.repeat(NAME_MAX)).length).toBeLessThanOrEqual(NAME_MAX);
  });
});

describe('voteRefusal', () => {
  const open = {
    id: 'vote1',
    state: 'open' as const,
    boardIds: ['brdA'],
    dots: 3,
    showResults: false,
    startedAt: 1,
  };
  it('lets a participant vote on a board of the open vote, and says why not otherwise', () => {
    const board = (id: string) => ({
      id,
      name: id,
      groupId: null,
      phaseId: null,
      template: 'blank',
      archived: false,
      locked: false,
      createdAt: 1,
    });
    const s: WorkshopState = { ...state(null), boards: [board('brdA'), board('brdB')], vote: open };
    const anne = { role: 'participant' as const };
    expect(voteRefusal(s, 'brdA', anne)).toBeNull();
    expect(voteRefusal(s, 'brdB', anne)).toBe('no_vote');
    expect(voteRefusal(s, 'nope', anne)).toBe('not_found');
    expect(voteRefusal(s, 'brdA', { role: 'observer' })).toBe('forbidden');
    expect(voteRefusal(s, 'brdA', { role: 'facilitator' })).toBe('forbidden');
    const ended = { ...s, meta: s.meta && { ...s.meta, ended: true } };
    expect(voteRefusal(ended, 'brdA', anne)).toBe('workshop_ended');
    expect(voteRefusal({ ...s, vote: { ...open, state: 'closed' } }, 'brdA', anne)).toBe('no_vote');
  });
});

describe('hostPickRefusal', () => {
  it('before the rounds: the facilitator for any group, a participant for their own', () => {
    const setup = state({ state: 'setup', endsAt: null });
    const anne = { role: 'participant' as const, participantId: 'anne' };
    const fac = { role: 'facilitator' as const, participantId: 'fac1' };
    expect(hostPickRefusal(setup, 'grpA', anne)).toBeNull();
    expect(hostPickRefusal(setup, 'grpB', anne)).toBe('forbidden');
    expect(hostPickRefusal(setup, 'grpB', fac)).toBeNull();
    expect(hostPickRefusal(setup, 'grpA', { role: 'observer', participantId: 'x' })).toBe(
      'forbidden',
    );
    expect(hostPickRefusal(setup, 'nope', fac)).toBe('not_found');
    expect(hostPickRefusal(state({}), 'grpA', anne)).toBe('market_started');
    expect(hostPickRefusal(state(null), 'grpA', anne)).toBe('no_market');
    const ended = { ...setup, meta: setup.meta && { ...setup.meta, ended: true } };
    expect(hostPickRefusal(ended, 'grpA', fac)).toBe('workshop_ended');
  });
});

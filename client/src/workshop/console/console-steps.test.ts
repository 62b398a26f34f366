import { IDLE_TIMER, type WorkshopState } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { currentStep } from './console-steps.js';

const empty: WorkshopState = {
  meta: { title: 'Torg', date: '2026-11-23', ended: false, allLocked: false, createdAt: 1 },
  groups: [{ id: 'grpA', name: 'A', order: 0 }],
  participants: [{ id: 'fac1', name: 'Fa', role: 'facilitator', groupId: null, joinedAt: 0 }],
  boards: [],
  phases: [],
  message: null,
  timer: IDLE_TIMER,
  bring: null,
  market: null,
  vote: null,
};
const joined: WorkshopState = {
  ...empty,
  participants: [
    ...empty.participants,
    { id: 'anne', name: 'Anne', role: 'participant', groupId: 'grpA', joinedAt: 1 },
  ],
};
const market = (state: 'setup' | 'running' | 'paused' | 'ended') =>
  ({ ...joined, market: { state } }) as unknown as WorkshopState;
const vote = (state: 'open' | 'closed') =>
  ({ ...joined, vote: { state } }) as unknown as WorkshopState;

describe('currentStep', () => {
  it('follows the gathering: invite, phases, market, vote, export', () => {
    expect(currentStep(empty)).toBe('invite');
    expect(currentStep(joined)).toBe('phases');
    for (const s of ['setup', 'running', 'paused'] as const)
      expect(currentStep(market(s))).toBe('market');
    expect(currentStep(market('ended'))).toBe('vote');
    expect(currentStep(vote('open'))).toBe('vote');
    expect(currentStep(vote('closed'))).toBe('export');
  });

  it('an open vote comes before a market being set up; an ended workshop is exported', () => {
    expect(currentStep({ ...market('setup'), vote: vote('open').vote })).toBe('vote');
    expect(
      currentStep({
        ...vote('open'),
        meta: { ...joined.meta, ended: true } as WorkshopState['meta'],
      }),
    ).toBe('export');
  });
});

import { IDLE_TIMER, type Market, remainingMs } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { nextMarket } from './market.js';
import { nextTimer } from './timer.js';

const T0 = 5_000_000;

describe('the facilitator timer', () => {
  it('starts, pauses with what is left, and resumes from there', () => {
    const running = nextTimer(IDLE_TIMER, { action: 'start', durationMs: 60_000 }, T0);
    expect(running).toEqual({
      state: 'running',
      durationMs: 60_000,
      endsAt: T0 + 60_000,
      remainingMs: 60_000,
    });
    const paused = nextTimer(running, { action: 'pause' }, T0 + 10_000);
    expect(paused).toEqual({ ...running, state: 'paused', endsAt: null, remainingMs: 50_000 });
    const resumed = nextTimer(paused, { action: 'resume' }, T0 + 99_000);
    expect(remainingMs(resumed, T0 + 100_000)).toBe(49_000);
  });

  it('adding time to an idle timer makes a paused one; reset makes it idle again', () => {
    const added = nextTimer(IDLE_TIMER, { action: 'add', ms: 300_000 }, T0);
    expect(added).toEqual({
      state: 'paused',
      durationMs: 300_000,
      endsAt: null,
      remainingMs: 300_000,
    });
    expect(nextTimer(added, { action: 'reset' }, T0)).toEqual(IDLE_TIMER);
  });

  it('taking away more than is left ends at 0, never below', () => {
    const running = nextTimer(IDLE_TIMER, { action: 'start', durationMs: 60_000 }, T0);
    const cut = nextTimer(running, { action: 'add', ms: -3_600_000 }, T0 + 1_000);
    expect(cut).toMatchObject({
      state: 'running',
      durationMs: 0,
      endsAt: T0 + 1_000,
      remainingMs: 0,
    });
  });
});

describe('the market rounds', () => {
  const setup: Market = {
    phaseId: 'phase1',
    boardIds: { grpA: 'brdA', grpB: 'brdB' },
    plan: [{ grpA: 'grpB' }, { grpB: 'grpA' }],
    hostIds: [],
    roundMs: 60_000,
    state: 'setup',
    round: 0,
    endsAt: null,
    remainingMs: 60_000,
  };

  it('runs each round for roundMs, then ends after the last', () => {
    const first = nextMarket(setup, { action: 'start' }, T0);
    expect(first).toMatchObject({ state: 'running', round: 0, endsAt: T0 + 60_000 });
    const second = nextMarket(first, { action: 'next' }, T0 + 70_000);
    expect(second).toMatchObject({ state: 'running', round: 1, endsAt: T0 + 130_000 });
    expect(nextMarket(second, { action: 'next' }, T0 + 140_000)).toMatchObject({
      state: 'ended',
      endsAt: null,
      remainingMs: 0,
    });
  });

  it('extends from now in overtime, and leaves a market that is not counting alone', () => {
    const first = nextMarket(setup, { action: 'start' }, T0);
    const late = nextMarket(first, { action: 'extend', ms: 30_000 }, T0 + 90_000);
    expect(late).toMatchObject({ endsAt: T0 + 120_000, remainingMs: 30_000 });
    expect(nextMarket(setup, { action: 'extend', ms: 30_000 }, T0)).toBe(setup);
    expect(nextMarket(setup, { action: 'pause' }, T0)).toBe(setup);
    expect(nextMarket(setup, { action: 'next' }, T0)).toBe(setup);
  });

  it('a paused round keeps what was left, also when extended', () => {
    const paused = nextMarket(
      nextMarket(setup, { action: 'start' }, T0),
      { action: 'pause' },
      T0 + 20_000,
    );
    expect(paused).toMatchObject({ state: 'paused', endsAt: null, remainingMs: 40_000 });
    expect(nextMarket(paused, { action: 'extend', ms: 5_000 }, T0 + 99_000).remainingMs).toBe(
      45_000,
    );
  });
});

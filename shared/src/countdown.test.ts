import { describe, expect, it } from 'vitest';
import {
  addCountdownTime,
  countdownDone,
  isCounting,
  pauseCountdown,
  remainingMs,
  resumeCountdown,
  startCountdown,
} from './countdown.js';
import { IDLE_TIMER, type Market, type TimerState } from './workshop.js';

const T0 = 1_000_000;

describe('countdown', () => {
  it('counts down while running and stops at 0', () => {
    const c = startCountdown(IDLE_TIMER, 60_000, T0);
    expect(c).toMatchObject({ state: 'running', endsAt: T0 + 60_000, remainingMs: 60_000 });
    expect(remainingMs(c, T0 + 15_000)).toBe(45_000);
    expect(remainingMs(c, T0 + 90_000)).toBe(0);
    expect(countdownDone(c, T0 + 59_999)).toBe(false);
    expect(countdownDone(c, T0 + 60_000)).toBe(true);
  });

  it('keeps what was left while paused, and resumes from there', () => {
    const paused = pauseCountdown(startCountdown(IDLE_TIMER, 60_000, T0), T0 + 20_000);
    expect(paused).toMatchObject({ state: 'paused', endsAt: null, remainingMs: 40_000 });
    expect(remainingMs(paused, T0 + 999_999)).toBe(40_000);
    expect(countdownDone(paused, T0 + 999_999)).toBe(false);
    const resumed = resumeCountdown(paused, T0 + 100_000);
    expect(resumed).toMatchObject({ state: 'running', endsAt: T0 + 140_000 });
    expect(remainingMs(resumed, T0 + 110_000)).toBe(30_000);
  });

  it('returns the same value when a command does not apply', () => {
    expect(pauseCountdown(IDLE_TIMER, T0)).toBe(IDLE_TIMER);
    expect(resumeCountdown(IDLE_TIMER, T0)).toBe(IDLE_TIMER);
    const running = startCountdown(IDLE_TIMER, 1000, T0);
    expect(resumeCountdown(running, T0)).toBe(running);
  });

  it('adds time from now in overtime, and never goes below zero', () => {
    const running = startCountdown(IDLE_TIMER, 10_000, T0);
    const extended = addCountdownTime(running, 5_000, T0 + 30_000);
    expect(extended).toMatchObject({ endsAt: T0 + 35_000, remainingMs: 5_000 });
    const cut = addCountdownTime(running, -60_000, T0);
    expect(remainingMs(cut, T0)).toBe(0);
    const paused = pauseCountdown(running, T0 + 4_000);
    expect(addCountdownTime(paused, 1_000, T0 + 50_000)).toMatchObject({
      state: 'paused',
      remainingMs: 7_000,
    });
  });

  it('is 0 for states that do not count (idle, setup, ended)', () => {
    expect(remainingMs(IDLE_TIMER, T0)).toBe(0);
    expect(isCounting(IDLE_TIMER)).toBe(false);
    expect(isCounting({ state: 'setup', endsAt: null, remainingMs: 480_000 })).toBe(false);
    expect(isCounting({ state: 'paused', endsAt: null, remainingMs: 1 })).toBe(true);
    expect(remainingMs({ state: 'setup', endsAt: null, remainingMs: 480_000 }, T0)).toBe(0);
    expect(remainingMs({ state: 'ended', endsAt: null, remainingMs: 0 }, T0)).toBe(0);
  });

  it('keeps the other fields of a timer or a market', () => {
    const timer: TimerState = { ...IDLE_TIMER, durationMs: 9_000 };
    expect(startCountdown(timer, 9_000, T0).durationMs).toBe(9_000);
    const market = {
      phaseId: 'phase1',
      boardIds: {},
      plan: [],
      hostIds: [],
      roundMs: 60_000,
      state: 'setup',
      round: 0,
      endsAt: null,
      remainingMs: 60_000,
    } satisfies Market;
    const started = startCountdown(market, market.roundMs, T0);
    expect(started).toEqual({ ...market, state: 'running', endsAt: T0 + 60_000 });
  });
});

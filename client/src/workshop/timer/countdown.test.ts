import { IDLE_TIMER } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { formatClock, timerRemaining } from './countdown.js';

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

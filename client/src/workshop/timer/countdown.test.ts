import { describe, expect, it } from 'vitest';
import { formatClock } from './countdown.js';

describe('timer', () => {
  it('formats as m:ss, rounding up', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(10 * 60_000)).toBe('10:00');
    expect(formatClock(3_600_000 + 5_000)).toBe('1:00:05');
  });
});

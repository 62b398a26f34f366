import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  isJoinCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  normaliseJoinCode,
} from './join-code.js';

describe('join codes', () => {
  it('are long enough that guessing at the server’s limited rate is hopeless (README "Security")', () => {
    // 25^8 ≈ 1.5 × 10^11: at 17,280 failed lookups a day per address, 200 live codes take
    // one address over a century on average.
    expect(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH).toBeGreaterThan(1e11);
  });

  it('are shown as 4 + 4 and read back the same however they are typed', () => {
    expect(formatJoinCode('K7M4QXRT')).toBe('K7M4 QXRT');
    for (const typed of ['K7M4 QXRT', 'k7m4-qxrt', ' k7m4qxrt ', 'K7M4\tQXRT'])
      expect(normaliseJoinCode(typed)).toBe('K7M4QXRT');
    expect(isJoinCode(normaliseJoinCode(formatJoinCode('K7M4QXRT')))).toBe(true);
    // The old six-character codes and look-alike characters are not codes.
    expect(isJoinCode('K7M4QX')).toBe(false);
    expect(isJoinCode('K7M4QXR0')).toBe(false);
  });
});

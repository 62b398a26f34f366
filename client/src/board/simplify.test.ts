import { describe, expect, it } from 'vitest';
import { simplify } from './simplify.js';

describe('pen smoothing', () => {
  it('drops points on a straight line and keeps corners', () => {
    const line = [0, 0, 1, 0.01, 2, 0, 3, 0.02, 4, 0, 4, 1, 4, 2, 4, 3];
    expect(simplify(line, 0.5)).toEqual([0, 0, 4, 0, 4, 3]);
  });

  it('keeps a two-point stroke', () => {
    expect(simplify([1, 2, 3, 4], 1)).toEqual([1, 2, 3, 4]);
  });
});

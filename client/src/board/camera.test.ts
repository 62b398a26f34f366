import { describe, expect, it } from 'vitest';
import { MAX_SCALE, screenToWorld, worldToScreen, zoomAt } from './camera.js';

describe('camera', () => {
  it('maps screen to world and back', () => {
    const cam = { x: 120, y: -40, scale: 2 };
    const p = { x: 33, y: 77 };
    expect(worldToScreen(cam, screenToWorld(cam, p))).toEqual(p);
  });

  it('zooming keeps the point under the pointer where it is', () => {
    const cam = { x: 10, y: 20, scale: 1 };
    const anchor = { x: 400, y: 300 };
    const before = screenToWorld(cam, anchor);
    const after = zoomAt(cam, anchor, 1.5);
    expect(after.scale).toBe(1.5);
    const moved = screenToWorld(after, anchor);
    expect(moved.x).toBeCloseTo(before.x);
    expect(moved.y).toBeCloseTo(before.y);
  });

  it('clamps the zoom', () => {
    expect(zoomAt({ x: 0, y: 0, scale: 3 }, { x: 0, y: 0 }, 10).scale).toBe(MAX_SCALE);
  });
});

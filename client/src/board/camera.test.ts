import { describe, expect, it } from 'vitest';
import { cameraFitting, MAX_SCALE, screenToWorld, worldToScreen, zoomAt } from './camera.js';

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

describe('cameraFitting', () => {
  const r = { x: 0, y: 0, w: 2000, h: 1000 };
  it('shows all of the area in the middle of the view', () => {
    const cam = cameraFitting(r, { width: 1120, height: 800 }, 60);
    expect(cam.scale).toBeCloseTo(0.5);
    expect(worldToScreen(cam, { x: 1000, y: 500 })).toEqual({ x: 560, y: 400 });
  });
  it('keeps clear of the corner, above it when that shows the area larger', () => {
    const cam = cameraFitting(r, { width: 1120, height: 800 }, 60, 4, { width: 200, height: 150 });
    expect(cam.scale).toBeCloseTo(0.5);
    // Above the corner: the area's bottom edge is above the corner's top.
    expect(worldToScreen(cam, { x: 0, y: 1000 }).y).toBeLessThanOrEqual(800 - 150);
  });
  it('never zooms past maxScale', () => {
    expect(
      cameraFitting({ x: 0, y: 0, w: 10, h: 10 }, { width: 800, height: 600 }, 60, 1).scale,
    ).toBe(1);
  });
});

describe('cameraFitting on a narrow screen', () => {
  it('takes the side of the corner that fits best before clamping to the zoom limits', () => {
    const wide = { x: 0, y: 0, w: 3300, h: 2200 };
    const cam = cameraFitting(wide, { width: 390, height: 514 }, 60, 1, {
      width: 200,
      height: 200,
    });
    // Beside the corner would leave 190 px: above it is the better side.
    expect(worldToScreen(cam, { x: 0, y: 0 }).x).toBeGreaterThanOrEqual(0);
    expect(worldToScreen(cam, { x: 3300, y: 2200 }).y).toBeLessThanOrEqual(314);
  });
});

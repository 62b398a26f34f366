import { describe, expect, it } from 'vitest';
import { findFreeSpot, PLACEMENT_GAP, placementContext } from './placement.js';
import type { Rect } from './rect.js';
import type { Shape } from './schema.js';
import { frameDefaults } from './shapes/frame.js';
import { stickyDefaults } from './shapes/sticky.js';

const size = { w: 200, h: 200 };
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const within = (r: Rect, area: Rect) =>
  r.x >= area.x && r.y >= area.y && r.x + r.w <= area.x + area.w && r.y + r.h <= area.y + area.h;

function sticky(id: string, x: number, y: number): Shape {
  return { ...stickyDefaults(), id, x, y, z: 'a1' };
}
function frame(id: string, x: number, y: number, w: number, h: number): Shape {
  return { ...frameDefaults(), id, x, y, w, h, z: 'a0' };
}

describe('findFreeSpot', () => {
  it('keeps the preferred spot when it is free', () => {
    expect(
      findFreeSpot({ size, preferred: { x: 100, y: 100 }, area: null, obstacles: [] }),
    ).toEqual({ x: 100, y: 100 });
  });

  it('moves off an object it would cover, to the nearest free spot', () => {
    const note = { x: 100, y: 100, w: 200, h: 200 };
    const spot = findFreeSpot({
      size,
      preferred: { x: 140, y: 140 },
      area: null,
      obstacles: [note],
    });
    expect(overlap({ ...spot, ...size }, note)).toBe(false);
    // Nearest: within one note's width and height of where it was wanted.
    expect(Math.abs(spot.x - 140) + Math.abs(spot.y - 140)).toBeLessThanOrEqual(
      2 * (200 + PLACEMENT_GAP),
    );
  });

  it('stays inside the area and off every object in it', () => {
    const area = { x: 0, y: 0, w: 1000, h: 500 };
    const notes = [0, 1, 2].map((i) => ({ x: 20 + i * 220, y: 20, w: 200, h: 200 }));
    const spot = findFreeSpot({ size, preferred: { x: 30, y: 30 }, area, obstacles: notes });
    const r = { ...spot, ...size };
    expect(within(r, area)).toBe(true);
    for (const n of notes) expect(overlap(r, n)).toBe(false);
  });

  it('falls back to below the area when the area is full', () => {
    const area = { x: 0, y: 0, w: 480, h: 240 };
    const notes = [
      { x: 20, y: 20, w: 200, h: 200 },
      { x: 240, y: 20, w: 200, h: 200 },
    ];
    const spot = findFreeSpot({ size, preferred: { x: 20, y: 20 }, area, obstacles: notes });
    expect(spot.y).toBeGreaterThanOrEqual(area.y + area.h);
    for (const n of notes) expect(overlap({ ...spot, ...size }, n)).toBe(false);
  });

  it('fills a section note by note without covering any', () => {
    const area = { x: 0, y: 0, w: 1400, h: 470 };
    const placed: Rect[] = [];
    for (let i = 0; i < 10; i++) {
      const spot = findFreeSpot({ size, preferred: { x: 20, y: 20 }, area, obstacles: placed });
      const r = { ...spot, ...size };
      for (const p of placed) expect(overlap(r, p)).toBe(false);
      placed.push(r);
    }
    expect(placed.filter((r) => within(r, area)).length).toBeGreaterThanOrEqual(8);
  });
});

describe('placementContext', () => {
  it("an answered note's frame is the area; other frames and the note are not in the way", () => {
    const shapes = [
      frame('outer', 0, 0, 2000, 2000),
      frame('row', 0, 100, 1400, 470),
      sticky('note', 40, 140),
    ];
    const ctx = placementContext(shapes, { shapeId: 'note' });
    expect(ctx.area).toEqual({ x: 0, y: 100, w: 1400, h: 470 });
    expect(ctx.anchorBox).toEqual({ x: 40, y: 140, w: 200, h: 200 });
    expect(ctx.obstacles).toEqual([{ x: 40, y: 140, w: 200, h: 200 }]);
    const box = ctx.anchorBox ?? { x: 0, y: 0, w: 0, h: 0 };
    const spot = findFreeSpot({
      size,
      preferred: { x: box.x + box.w + PLACEMENT_GAP, y: box.y },
      area: ctx.area,
      obstacles: ctx.obstacles,
    });
    // Beside the note, in its row.
    expect(spot).toEqual({ x: 260, y: 140 });
  });

  it('a point picks the innermost frame around it', () => {
    const shapes = [frame('outer', 0, 0, 2000, 2000), frame('inner', 100, 100, 500, 500)];
    expect(placementContext(shapes, { x: 200, y: 200 }).area).toEqual({
      x: 100,
      y: 100,
      w: 500,
      h: 500,
    });
    expect(placementContext(shapes, { x: 1500, y: 1500 }).obstacles).toEqual([
      { x: 100, y: 100, w: 500, h: 500 },
    ]);
  });
});

import { type Frame, frameDefaults, type Sticky, stickyDefaults } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { layoutClusters } from './sort-layout.js';

const frame = (w: number, h: number): Frame => ({
  ...frameDefaults(),
  id: 'frame1',
  x: 100,
  y: 50,
  z: 'a0',
  w,
  h,
});
const notes = (n: number, prefix: string): Sticky[] =>
  Array.from({ length: n }, (_, i) => ({
    ...stickyDefaults(),
    id: `${prefix}${i}`,
    x: 0,
    y: 0,
    z: 'a1',
  }));

type Box = { x: number; y: number; w: number; h: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('laying sorted notes out in their frame', () => {
  it('puts every note inside the frame, none on another, each group under its label', () => {
    const clusters = [
      { label: 'møter', notes: notes(5, 'm') },
      { label: 'kontakt', notes: notes(3, 'k') },
      { label: 'Andre', notes: notes(2, 'o') },
    ];
    const f = frame(2000, 1200);
    const layout = layoutClusters(f, clusters, []);
    expect(layout.frame).toBeNull();
    const boxes = [...layout.moves].map(([id, p]) => ({
      id,
      x: p.x,
      y: p.y,
      w: 200,
      h: 200,
    }));
    expect(boxes).toHaveLength(10);
    for (const b of boxes) {
      expect(b.x >= f.x && b.x + b.w <= f.x + f.w && b.y >= f.y && b.y + b.h <= f.y + f.h).toBe(
        true,
      );
      for (const other of boxes) if (other !== b) expect(overlap(b, other)).toBe(false);
      for (const label of layout.labels) expect(overlap(b, label)).toBe(false);
    }
    // Each label sits above its own notes.
    layout.labels.forEach((label, i) => {
      const mine = boxes.filter((b) => b.id.startsWith(['m', 'k', 'o'][i] as string));
      expect(label.text).toBe(clusters[i]?.label);
      for (const b of mine) expect(b.y).toBeGreaterThan(label.y);
      expect(Math.min(...mine.map((b) => b.x))).toBe(label.x);
    });
  });

  it('keeps clear of a template’s guide text at the top, and grows a frame that is too small', () => {
    const f = frame(500, 300);
    const guide = { x: 120, y: 60, w: 400, h: 80 };
    const layout = layoutClusters(
      f,
      [
        { label: 'a', notes: notes(4, 'a') },
        { label: 'b', notes: notes(4, 'b') },
      ],
      [guide],
    );
    for (const p of layout.moves.values()) expect(p.y).toBeGreaterThan(guide.y + guide.h);
    for (const l of layout.labels) expect(l.y).toBeGreaterThanOrEqual(guide.y + guide.h);
    // The groups go below each other (the frame is as wide as a group), and it grows downwards.
    expect(layout.frame?.w).toBe(500);
    expect(layout.frame?.h).toBeGreaterThan(300);
    for (const p of layout.moves.values()) {
      expect(p.x + 200).toBeLessThanOrEqual(f.x + (layout.frame?.w ?? 0));
      expect(p.y + 200).toBeLessThanOrEqual(f.y + (layout.frame?.h ?? 0));
    }
  });
});

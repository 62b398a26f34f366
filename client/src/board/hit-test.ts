import {
  connectorPath,
  frameTitleBox,
  isBoxShape,
  type Point,
  type Rect,
  rectContainsPoint,
  rectsIntersect,
  type Shape,
  shapeBounds,
} from '@torg/shared';
import type { BoardStore } from './store.js';

function distToSegment(p: Point, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - ax) * dx + (p.y - ay) * dy) / len2));
  return Math.hypot(p.x - (ax + t * dx), p.y - (ay + t * dy));
}

function hits(store: BoardStore, s: Shape, p: Point, tolerance: number): boolean {
  if (s.type === 'connector') {
    const path = connectorPath(s, store.lookup);
    if (!path) return false;
    for (let i = 0; i + 3 < path.length; i += 2) {
      if (
        distToSegment(p, path[i] ?? 0, path[i + 1] ?? 0, path[i + 2] ?? 0, path[i + 3] ?? 0) <=
        tolerance
      )
        return true;
    }
    return false;
  }
  if (s.type === 'frame') {
    // A frame is grabbed by its title or its edge; its inside belongs to what is on it.
    if (rectContainsPoint(frameTitleBox(s), p)) return true;
    const outer = {
      x: s.x - tolerance,
      y: s.y - tolerance,
      w: s.w + 2 * tolerance,
      h: s.h + 2 * tolerance,
    };
    const inner = {
      x: s.x + tolerance,
      y: s.y + tolerance,
      w: s.w - 2 * tolerance,
      h: s.h - 2 * tolerance,
    };
    return rectContainsPoint(outer, p) && !rectContainsPoint(inner, p);
  }
  if (s.type === 'drawing') {
    for (let i = 0; i + 3 < s.points.length; i += 2) {
      const d = distToSegment(
        p,
        s.x + (s.points[i] ?? 0),
        s.y + (s.points[i + 1] ?? 0),
        s.x + (s.points[i + 2] ?? 0),
        s.y + (s.points[i + 3] ?? 0),
      );
      if (d <= tolerance + 4) return true;
    }
    return false;
  }
  return rectContainsPoint(s, p);
}

/**
 * The topmost object under a board point. Hit-testing is geometric, so the canvas draws no
 * hit graph (half the drawing work) and works the same at every level of detail.
 */
export function hitTest(store: BoardStore, p: Point, scale: number): Shape | null {
  const order = store.order();
  const tolerance = 6 / scale;
  for (let i = order.length - 1; i >= 0; i--) {
    const s = store.get(order[i] ?? '');
    if (s && hits(store, s, p, tolerance)) return s;
  }
  return null;
}

/** The topmost box object under a point (connector ends attach to these). */
export function hitBox(store: BoardStore, p: Point, scale: number, except?: string): Shape | null {
  const order = store.order();
  for (let i = order.length - 1; i >= 0; i--) {
    const s = store.get(order[i] ?? '');
    if (s && s.id !== except && isBoxShape(s) && s.type !== 'drawing' && rectContainsPoint(s, p)) {
      if (s.type === 'frame' && !hits(store, s, p, 6 / scale)) continue;
      return s;
    }
  }
  return null;
}

/** Everything whose bounds intersect a rectangle (marquee selection), frames fully inside only. */
export function inRect(store: BoardStore, r: Rect): string[] {
  const out: string[] = [];
  for (const id of store.order()) {
    const s = store.get(id);
    const b = s ? shapeBounds(s, store.lookup) : null;
    if (!s || !b) continue;
    const inside = b.x >= r.x && b.y >= r.y && b.x + b.w <= r.x + r.w && b.y + b.h <= r.y + r.h;
    if (s.type === 'frame' ? inside : rectsIntersect(b, r)) out.push(id);
  }
  return out;
}

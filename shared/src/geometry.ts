import { type BoxShape, isBoxShape, type Shape } from './schema.js';
import type { Connector, Terminal } from './shapes/connector.js';

export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Looks up an object by id (a Map, or a function over a Y.Doc). */
export type ShapeLookup = (id: string) => Shape | undefined;

export function center(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

export function rectContainsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

export function unionRects(rects: Iterable<Rect>): Rect | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.w);
    maxY = Math.max(maxY, r.y + r.h);
  }
  return Number.isFinite(minX) ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY } : null;
}

/** The rectangle from two corner points (in any order). */
export function rectFromPoints(a: Point, b: Point): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  };
}

/** Where the segment from the box's centre towards `toward` leaves the box. */
export function boxExitPoint(box: Rect, toward: Point): Point {
  const c = center(box);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Number.POSITIVE_INFINITY : box.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Number.POSITIVE_INFINITY : box.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

function terminalTarget(t: Terminal, lookup: ShapeLookup): BoxShape | Point | null {
  if (t.kind === 'point') return { x: t.x, y: t.y };
  const shape = lookup(t.shapeId);
  return shape && isBoxShape(shape) ? shape : null;
}

function isBox(v: BoxShape | Point): v is BoxShape {
  return 'w' in v;
}

/**
 * The two end points of a connector: a free end is its point; an attached end is where the
 * line towards the other end leaves the object's box. An end whose object is gone (or is
 * not a box) falls back to the other end, so the connector degenerates rather than throws.
 */
export function connectorEnds(c: Connector, lookup: ShapeLookup): [Point, Point] | null {
  const a = terminalTarget(c.start, lookup);
  const b = terminalTarget(c.end, lookup);
  if (!a || !b) return null;
  const aRef = isBox(a) ? center(a) : a;
  const bRef = isBox(b) ? center(b) : b;
  return [isBox(a) ? boxExitPoint(a, bRef) : a, isBox(b) ? boxExitPoint(b, aRef) : b];
}

/** The connector's polyline as flat [x0, y0, x1, y1, …]. Elbows turn halfway across. */
export function connectorPath(c: Connector, lookup: ShapeLookup): number[] | null {
  const ends = connectorEnds(c, lookup);
  if (!ends) return null;
  const [s, e] = ends;
  if (c.route === 'straight') return [s.x, s.y, e.x, e.y];
  const midX = (s.x + e.x) / 2;
  return [s.x, s.y, midX, s.y, midX, e.y, e.x, e.y];
}

/** Bounds of any object (a connector's are its path's). */
export function shapeBounds(shape: Shape, lookup: ShapeLookup): Rect | null {
  if (isBoxShape(shape)) return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
  const path = connectorPath(shape, lookup);
  if (!path) return null;
  const pts: Rect[] = [];
  for (let i = 0; i < path.length; i += 2)
    pts.push({ x: path[i] ?? 0, y: path[i + 1] ?? 0, w: 0, h: 0 });
  return unionRects(pts);
}

export function lookupFrom(shapes: Iterable<Shape>): ShapeLookup {
  const byId = new Map<string, Shape>();
  for (const s of shapes) byId.set(s.id, s);
  return (id) => byId.get(id);
}

/**
 * The innermost frame each object lies in (by its centre), or null. Frames nest: a frame's
 * own parent is the smallest other frame containing its centre.
 */
export function frameMembership(shapes: readonly Shape[]): Map<string, string | null> {
  const lookup = lookupFrom(shapes);
  const frames = shapes
    .filter((s): s is Extract<Shape, { type: 'frame' }> => s.type === 'frame')
    .sort((a, b) => a.w * a.h - b.w * b.h);
  const out = new Map<string, string | null>();
  for (const s of shapes) {
    const b = shapeBounds(s, lookup);
    const c = b ? center(b) : null;
    const frame = c
      ? frames.find(
          (f) => f.id !== s.id && rectContainsPoint(f, c) && f.w * f.h > (b?.w ?? 0) * (b?.h ?? 0),
        )
      : undefined;
    out.set(s.id, frame?.id ?? null);
  }
  return out;
}

/** Ids of everything inside a frame, nested frames' content included. */
export function frameContents(frameId: string, shapes: readonly Shape[]): string[] {
  const parent = frameMembership(shapes);
  const inside = (id: string): boolean => {
    let p = parent.get(id) ?? null;
    for (let guard = 0; p !== null && guard < 100; guard++) {
      if (p === frameId) return true;
      p = parent.get(p) ?? null;
    }
    return false;
  };
  return shapes.filter((s) => s.id !== frameId && inside(s.id)).map((s) => s.id);
}

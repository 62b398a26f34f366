import { center, type Point, type Rect, rectContainsPoint } from './rect.js';
import { isBoxShape, type Shape } from './schema.js';
import { type Connector, connectorEndsVia, connectorPathVia } from './shapes/connector.js';
import { utilOf } from './shapes/registry.js';
import type { BoxOf } from './shapes/util.js';

export * from './rect.js';

/** Looks up an object by id (a Map, or a function over a Y.Doc). */
export type ShapeLookup = (id: string) => Shape | undefined;

/** The box of an object by id, for connector ends: none for a missing object or a connector. */
export function boxOfLookup(lookup: ShapeLookup): BoxOf {
  return (id) => {
    const shape = lookup(id);
    return shape && isBoxShape(shape) ? shape : null;
  };
}

/**
 * The two end points of a connector: a free end is its point; an attached end is where the
 * line towards the other end leaves the object's box. An end whose object is gone (or is
 * not a box) makes it null, so the connector is skipped rather than throw.
 */
export function connectorEnds(c: Connector, lookup: ShapeLookup): [Point, Point] | null {
  return connectorEndsVia(c, boxOfLookup(lookup));
}

/** The connector's polyline as flat [x0, y0, x1, y1, …]. Elbows turn halfway across. */
export function connectorPath(c: Connector, lookup: ShapeLookup): number[] | null {
  return connectorPathVia(c, boxOfLookup(lookup));
}

/** Bounds of any object (a connector's are its path's). */
export function shapeBounds(shape: Shape, lookup: ShapeLookup): Rect | null {
  return utilOf(shape).bounds(shape, boxOfLookup(lookup));
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

/**
 * Reading order of things on a board: rows (tops within half a sticky's height of each other)
 * top to bottom, each left to right. A comparator for `sort`.
 */
export function readingOrder(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.abs(a.y - b.y) < 100 ? a.x - b.x : a.y - b.y;
}

/** The board's frames (its sections) in reading order. */
export function framesInReadingOrder(
  shapes: readonly Shape[],
): Extract<Shape, { type: 'frame' }>[] {
  return shapes
    .filter((s): s is Extract<Shape, { type: 'frame' }> => s.type === 'frame')
    .sort(readingOrder);
}

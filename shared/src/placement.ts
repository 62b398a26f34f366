import { frameMembership, lookupFrom, shapeBounds } from './geometry.js';
import type { Point, Rect } from './rect.js';
import type { Shape } from './schema.js';

/**
 * Where a new object goes when nobody pointed at a spot (an accepted suggestion, a note added
 * from the outline or the toolbar): in free space, inside the section it belongs to. One
 * function for the server and the client, so both place alike.
 */

/** Space kept between a new object and its neighbours, and inside a frame's edge. */
export const PLACEMENT_GAP = 20;
/** Rings of candidates searched around the preferred spot before giving up on an area. */
const MAX_RINGS = 40;

export interface PlacementRequest {
  /** The new object's size. */
  size: { w: number; h: number };
  /** The top-left corner it would best have (beside the note it answers, the view's centre). */
  preferred: Point;
  /** The frame (section) it must lie inside, or null for anywhere. */
  area: Rect | null;
  /** What it must not cover. */
  obstacles: readonly Rect[];
}

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return (
    a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
  );
}

function inside(r: Rect, area: Rect, gap: number): boolean {
  return (
    r.x >= area.x + gap &&
    r.y >= area.y + gap &&
    r.x + r.w <= area.x + area.w - gap &&
    r.y + r.h <= area.y + area.h - gap
  );
}

/**
 * Candidates on a half-size grid around the preferred spot, nearest first (rings grow outward),
 * so a free spot beside the preferred one wins over one across the section.
 */
function search(req: PlacementRequest, gap: number): Point | null {
  const { size, preferred, area } = req;
  const step = { x: Math.max(1, (size.w + gap) / 2), y: Math.max(1, (size.h + gap) / 2) };
  const near = area ? req.obstacles.filter((o) => overlaps(o, area, gap)) : req.obstacles;
  // An area bounds how far the rings need to go.
  const rings = area
    ? Math.min(
        MAX_RINGS,
        Math.ceil(Math.max(area.w / step.x, area.h / step.y, 1)) +
          Math.ceil(
            Math.max(
              Math.abs(preferred.x - area.x) / step.x,
              Math.abs(preferred.y - area.y) / step.y,
            ),
          ),
      )
    : MAX_RINGS;
  // An area also gives the grid's origin: its inner corner, so candidates line up with it.
  const origin = area
    ? {
        x: area.x + gap + Math.round((preferred.x - area.x - gap) / step.x) * step.x,
        y: area.y + gap + Math.round((preferred.y - area.y - gap) / step.y) * step.y,
      }
    : preferred;
  const free = (p: Point): boolean => {
    const r = { x: p.x, y: p.y, ...size };
    if (area && !inside(r, area, gap)) return false;
    return !near.some((o) => overlaps(r, o, gap));
  };
  if (free(preferred)) return preferred;
  for (let ring = 0; ring <= rings; ring++) {
    const cells: Point[] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++)
        if (Math.max(Math.abs(i), Math.abs(j)) === ring)
          cells.push({ x: origin.x + i * step.x, y: origin.y + j * step.y });
    const d = (p: Point) => (p.x - preferred.x) ** 2 + (p.y - preferred.y) ** 2;
    cells.sort((a, b) => d(a) - d(b));
    const hit = cells.find(free);
    if (hit) return { x: Math.round(hit.x), y: Math.round(hit.y) };
  }
  return null;
}

/**
 * A free top-left corner for an object of `size`: the preferred spot if free, else the nearest
 * free spot inside the area; when the area is full, the nearest free spot below it (the
 * section's content then spills out under the frame rather than covering anything).
 */
export function findFreeSpot(req: PlacementRequest): Point {
  const gap = PLACEMENT_GAP;
  const inArea = search(req, gap);
  if (inArea) return inArea;
  if (req.area) {
    const below = { x: req.area.x, y: req.area.y + req.area.h + gap };
    return search({ ...req, area: null, preferred: below }, gap) ?? below;
  }
  return { x: Math.round(req.preferred.x), y: Math.round(req.preferred.y) };
}

/**
 * The obstacles and the section for a new object on a board: `anchor` is the object it
 * answers (its frame becomes the area; a frame is its own area), a point (the innermost frame
 * around it) or null (no section). Frames
 * that hold the area are not obstacles (one puts things on them); frames inside it are.
 */
export function placementContext(
  shapes: readonly Shape[],
  anchor: { shapeId: string } | Point | null,
): { area: Rect | null; obstacles: Rect[]; anchorBox: Rect | null } {
  const lookup = lookupFrom(shapes);
  let areaFrame: Extract<Shape, { type: 'frame' }> | undefined;
  let anchorBox: Rect | null = null;
  if (anchor === null) {
    // Anywhere: no section, everything but frames in the way.
  } else if ('shapeId' in anchor) {
    const shape = lookup(anchor.shapeId);
    anchorBox = shape ? shapeBounds(shape, lookup) : null;
    const parentId = frameMembership(shapes).get(anchor.shapeId) ?? null;
    const parent = parentId ? lookup(parentId) : undefined;
    if (shape?.type === 'frame') areaFrame = shape;
    else if (parent?.type === 'frame') areaFrame = parent;
  } else {
    areaFrame = shapes
      .filter((s): s is Extract<Shape, { type: 'frame' }> => s.type === 'frame')
      .filter(
        (f) => anchor.x >= f.x && anchor.x <= f.x + f.w && anchor.y >= f.y && anchor.y <= f.y + f.h,
      )
      .sort((a, b) => a.w * a.h - b.w * b.h)[0];
  }
  const area = areaFrame
    ? { x: areaFrame.x, y: areaFrame.y, w: areaFrame.w, h: areaFrame.h }
    : null;
  const obstacles: Rect[] = [];
  for (const s of shapes) {
    if (s.type === 'connector') continue;
    if (s.type === 'frame' && area && !(s.id !== areaFrame?.id && inside(s, area, 0))) continue;
    if (s.type === 'frame' && !area) continue;
    const b = shapeBounds(s, lookup);
    if (b) obstacles.push(b);
  }
  return { area, obstacles, anchorBox };
}

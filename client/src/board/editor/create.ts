import {
  type BoxShape,
  findFreeSpot,
  type GeoKind,
  newId,
  PLACEMENT_GAP,
  type Point,
  placedImageSize,
  placementContext,
  type Rect,
  SHAPE_UTILS,
  type Shape,
  type Terminal,
} from '@torg/shared';
import { addShapes, topZ } from '../actions.js';
import type { Editor } from './Editor.js';

/**
 * Every new object is made here, from its type's defaults in the shared registry, and only
 * through `editor.write` — the one place a read-only editor refuses. Each returns the new
 * object's id (null when refused or nothing was made) and leaves it selected.
 */

/**
 * What follows a new object: `edit` selects it and opens it for typing, `finish` selects it
 * (both end the creating tool: back to select), `select` only selects it, `none` leaves the
 * selection alone (the outline focuses its own field instead).
 */
export type After = 'edit' | 'finish' | 'select' | 'none';

function place(editor: Editor, shapes: Shape[], after: After): boolean {
  if (!editor.write(() => addShapes(editor.doc, shapes))) return false;
  const ids = shapes.map((s) => s.id);
  if (after === 'edit' || after === 'finish') editor.finishCreate(ids[0] ?? '', after === 'edit');
  else if (after === 'select') editor.select(ids);
  return true;
}

/**
 * A note centred on the point (or with its top left corner there: `corner`), opened for
 * typing unless `after` says otherwise.
 */
export function createSticky(
  editor: Editor,
  at: Point,
  {
    text = '',
    corner = false,
    after = 'edit',
  }: { text?: string; corner?: boolean; after?: After } = {},
): string | null {
  const d = { ...SHAPE_UTILS.sticky.defaults(), color: editor.state.rules.stickyColor };
  const x = Math.round(corner ? at.x : at.x - d.w / 2);
  const y = Math.round(corner ? at.y : at.y - d.h / 2);
  const shape = { ...d, text, id: newId(), x, y, z: topZ(editor.store) };
  return place(editor, [shape], after) ? shape.id : null;
}

/**
 * A note where nobody pointed (the outline's "add", pasted text): in free space inside the
 * frame `frameId` (from its top left), or near the middle of the view when null; never on
 * top of another object (`findFreeSpot`, the same rule the server uses for accepted
 * suggestions).
 */
export function createStickyInFreeSpace(
  editor: Editor,
  frameId: string | null,
  options: { text?: string; after?: After } = {},
): string | null {
  const size = SHAPE_UTILS.sticky.defaults();
  const shapes = editor.store.list();
  const frame = frameId ? editor.store.get(frameId) : undefined;
  const centre = editor.viewCenter();
  const context = placementContext(shapes, frame?.type === 'frame' ? { shapeId: frame.id } : null);
  const preferred =
    frame?.type === 'frame'
      ? { x: frame.x + PLACEMENT_GAP, y: frame.y + PLACEMENT_GAP }
      : { x: centre.x - size.w / 2, y: centre.y - size.h / 2 };
  const at = findFreeSpot({
    size,
    preferred,
    area: context.area,
    obstacles: context.obstacles,
  });
  return createSticky(editor, at, { ...options, corner: true });
}

/** A text whose first line is centred vertically on the point, opened for typing. */
export function createText(editor: Editor, at: Point): string | null {
  const d = SHAPE_UTILS.text.defaults();
  const x = Math.round(at.x);
  const y = Math.round(at.y - d.h / 2);
  const shape = { ...d, id: newId(), x, y, z: topZ(editor.store) };
  return place(editor, [shape], 'edit') ? shape.id : null;
}

export type BoxKind = GeoKind | 'frame';

/**
 * A box (rectangle, ellipse, diamond or frame) filling `rect`, or of its default size centred
 * on `rect`'s corner when `rect` is null (a click, not a drag).
 */
export function createBox(
  editor: Editor,
  kind: BoxKind,
  at: Point,
  rect: Rect | null,
): string | null {
  const base =
    kind === 'frame' ? SHAPE_UTILS.frame.defaults() : { ...SHAPE_UTILS.geo.defaults(), kind };
  const w = rect ? Math.round(rect.w) : base.w;
  const h = rect ? Math.round(rect.h) : base.h;
  const x = Math.round(rect ? rect.x : at.x - w / 2);
  const y = Math.round(rect ? rect.y : at.y - h / 2);
  // Frames go under what is already there, so dropping one around notes frames them.
  const z = kind === 'frame' ? editor.bottomZ() : topZ(editor.store);
  const shape = { ...base, id: newId(), x, y, w, h, z } as BoxShape;
  return place(editor, [shape], 'edit') ? shape.id : null;
}

/** An arrow between two ends (objects or points), selected. */
export function createConnector(
  editor: Editor,
  start: Terminal,
  end: Terminal,
  after: After = 'finish',
): string | null {
  const c = { ...SHAPE_UTILS.connector.defaults(), id: newId(), z: topZ(editor.store), start, end };
  return place(editor, [c], after) ? c.id : null;
}

/** An arrow from the first object to the second (keyboard users connect this way). */
export function connectShapes(editor: Editor, fromId: string, toId: string): string | null {
  const end = (shapeId: string): Terminal => ({ kind: 'shape', shapeId });
  return createConnector(editor, end(fromId), end(toId), 'select');
}

/** Pasted copies (new ids, see cloneShapes), selected. */
export function pasteCopies(editor: Editor, copies: Shape[]): void {
  place(editor, copies, 'select');
}

/**
 * A pen stroke from board-coordinate points (x, y, x, y, …), stored relative to its box in
 * tenths of a pixel. Fewer than two points draw nothing. The stroke stays unselected: the pen
 * keeps drawing.
 */
export function createDrawing(editor: Editor, points: readonly number[]): string | null {
  if (points.length < 4) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length; i += 2) {
    minX = Math.min(minX, points[i] ?? 0);
    maxX = Math.max(maxX, points[i] ?? 0);
    minY = Math.min(minY, points[i + 1] ?? 0);
    maxY = Math.max(maxY, points[i + 1] ?? 0);
  }
  const rel = points.map((v, i) => Math.round((i % 2 === 0 ? v - minX : v - minY) * 10) / 10);
  const { penColor, penWidth } = editor.style;
  const shape: Shape = {
    ...SHAPE_UTILS.drawing.defaults(),
    id: newId(),
    x: Math.round(minX * 10) / 10,
    y: Math.round(minY * 10) / 10,
    w: Math.max(1, maxX - minX),
    h: Math.max(1, maxY - minY),
    z: topZ(editor.store),
    points: rel,
    color: penColor,
    width: penWidth,
  };
  return place(editor, [shape], 'none') ? shape.id : null;
}

/** An uploaded picture centred on the point, at its placed size; the tool returns to select. */
export function createImage(
  editor: Editor,
  asset: { assetId: string; width: number; height: number; alt: string },
  at: Point,
): string | null {
  const { w, h } = placedImageSize(asset.width, asset.height);
  const shape: Shape = {
    ...SHAPE_UTILS.image.defaults(),
    id: newId(),
    assetId: asset.assetId,
    alt: asset.alt,
    x: Math.round(at.x - w / 2),
    y: Math.round(at.y - h / 2),
    w,
    h,
    z: topZ(editor.store),
  };
  return place(editor, [shape], 'finish') ? shape.id : null;
}

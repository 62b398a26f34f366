import type { Rect } from '../rect.js';
import type { SvgWriter } from '../render/svg-writer.js';
import type { ShapeDefinition } from './base.js';

/**
 * How an object may be resized on the canvas: not at all, only its width (text grows
 * downwards by itself), freely, or keeping its aspect ratio.
 */
export type ResizeMode = 'none' | 'width' | 'free' | 'aspect';

/** The smallest width or height a resize leaves (board px). */
export const MIN_RESIZE = 20;

/** The field an object's words live in (what the outline, screen readers and exports read). */
export type TextField = 'text' | 'name' | 'label' | 'alt';

/**
 * The box of another object by id (null for none, or for one without a box): what a
 * connector needs to find its ends. A function, not the union of shapes, so that a shape
 * module never depends on the others.
 */
export type BoxOf = (id: string) => Rect | null;

export interface SvgContext {
  boxOf: BoxOf;
  /** An image's picture as a `data:` URL, or null for a placeholder. */
  images?: (assetId: string) => string | null;
}

/**
 * Everything Torg knows about one board object type (tldraw's ShapeUtil idea): its schema
 * and migrations (from ShapeDefinition), its defaults, its box, its words, how it resizes,
 * how it looks zoomed far out, and how it draws as SVG. The client adds only a Konva view.
 */
export interface ShapeUtil<T extends { type: string; v: number }, D = Partial<T>>
  extends ShapeDefinition<T> {
  /** A new object's fields apart from id, position and z — with `v` the current version. */
  defaults(): D;
  /** Where it lies on the board (a connector's path's box), or null when it cannot be placed. */
  bounds(shape: T, boxOf: BoxOf): Rect | null;
  /** Ids of other objects it is drawn from (a connector's attached ends): redraw when they move. */
  dependsOn(shape: T): string[];
  /** What it may draw beyond its bounds (a frame's title, a connector's label, a stroke's caps). */
  drawnBounds(shape: T, boxOf: BoxOf): Rect[];
  /** Its words, or null for a type without any (drawings). */
  readonly textField: TextField | null;
  /** The longest text its field takes (0 without words): the schema's limit, for editors. */
  readonly textMax: number;
  /** Whether its words may span lines (a note) or are one line (a frame's name). */
  readonly multiline: boolean;
  readonly resize: ResizeMode;
  /** Its colour when the board is zoomed far out (a connector's line colour). */
  lowDetailFill(shape: T): string;
  /** Its colour on the minimap (boxes only; connectors are left off it). */
  minimapFill(shape: T): string;
  toSvg(out: SvgWriter, shape: T, ctx: SvgContext): void;
}

/**
 * The box after a resize by the canvas's handles (scale factors from where they were
 * dragged to), following the type's rule: whole pixels, never under MIN_RESIZE, and a
 * width-only type keeps its height.
 */
export function resizedBox(
  mode: ResizeMode,
  box: Rect,
  scale: { x: number; y: number },
  at: { x: number; y: number },
): Rect {
  return {
    x: Math.round(at.x),
    y: Math.round(at.y),
    w: Math.max(MIN_RESIZE, Math.round(box.w * scale.x)),
    h: mode === 'width' ? box.h : Math.max(MIN_RESIZE, Math.round(box.h * scale.y)),
  };
}

/** For every type drawn from nothing but itself. */
export function noDependencies(): string[] {
  return [];
}

/** Bounds of an object that is its own box. */
export function boxBounds(s: Rect): Rect {
  return { x: s.x, y: s.y, w: s.w, h: s.h };
}

import { type Connector, connectorUtil } from './connector.js';
import { type Drawing, drawingUtil } from './drawing.js';
import { type Frame, frameUtil } from './frame.js';
import { type GeoShape, geoUtil } from './geo.js';
import { type ImageShape, imageUtil } from './image.js';
import { type Sticky, stickyUtil } from './sticky.js';
import { type TextShape, textUtil } from './text.js';
import type { ShapeUtil } from './util.js';

/** Every board object type, unioned by `type`. A new type adds its module here, once. */
export type Shape = Sticky | TextShape | GeoShape | Connector | Frame | Drawing | ImageShape;
export type ShapeType = Shape['type'];
export type ShapeOfType<T extends ShapeType> = Extract<Shape, { type: T }>;

/**
 * The type → util map everything walks (parsing, bounds, text, the SVG output, the client's
 * outline and canvas). Typed per key, so a type without a util does not compile.
 */
export const SHAPE_UTILS = {
  sticky: stickyUtil,
  text: textUtil,
  geo: geoUtil,
  connector: connectorUtil,
  frame: frameUtil,
  drawing: drawingUtil,
  image: imageUtil,
} as const satisfies { [K in ShapeType]: ShapeUtil<ShapeOfType<K>, unknown> };

/** The types in a stable order (the registry's). */
export const SHAPE_TYPES = Object.keys(SHAPE_UTILS) as ShapeType[];

export function isShapeType(value: unknown): value is ShapeType {
  return typeof value === 'string' && Object.hasOwn(SHAPE_UTILS, value);
}

/**
 * The util of an object's type, typed for that object. The registry is keyed by type, so the
 * cast only restates what `satisfies` above checked: TypeScript cannot correlate a union
 * value with the matching entry of a mapped object on its own.
 */
export function utilOf<T extends Shape>(shape: T): ShapeUtil<T, unknown> {
  return SHAPE_UTILS[shape.type] as unknown as ShapeUtil<T, unknown>;
}

import type { MessageKey, Shape, ShapeLookup, ShapeOfType, ShapeType } from '@torg/shared';

export interface ShapeViewProps<T extends Shape = Shape> {
  shape: T;
  /** Preview offset while the object is being moved. */
  dx: number;
  dy: number;
  editing: boolean;
  lookup: ShapeLookup;
  /** Offset of any object while moving (for connectors whose ends move). */
  offsetOf(id: string): { dx: number; dy: number };
}

/** Where and how an object's words are edited in place (board coordinates). */
export interface EditLayout {
  x: number;
  y: number;
  w: number;
  h: number;
  fontSize: number;
  padding: number;
  background: string;
  color: string;
  bold: boolean;
  align: 'left' | 'center';
}

/** The defaults every edit layout starts from. */
export const EDIT_BASE = {
  padding: 0,
  background: '#fff',
  color: '#1b1b1b',
  bold: false,
  align: 'left',
} as const satisfies Partial<EditLayout>;

/** Editing over the object's own box, from the defaults. */
export function editOverBox(box: { x: number; y: number; w: number; h: number }) {
  return { ...EDIT_BASE, x: box.x, y: box.y, w: box.w, h: box.h };
}

/**
 * How a type is drawn: a Konva view of its own per object, or (`paint`) straight onto the
 * objects' canvas, many objects in one node. Painting is for the type a board has hundreds of
 * (notes): a node per object costs React and Konva a phone's worth of time when a board opens
 * (issue 18). A painted object has no node for Konva's resize handles, so only a type that is
 * never resized may be painted (checked in registry.test.ts).
 */
type Drawn<T extends Shape> =
  | { View: (props: ShapeViewProps<T>) => React.ReactNode; paint?: never; prepare?: never }
  | {
      /**
       * Draws one object in its own coordinates (its top-left corner at 0,0); `scale` is the
       * board's zoom, to leave out what would be too small to see.
       */
      paint(c: CanvasRenderingContext2D, shape: T, how: { editing: boolean; scale: number }): void;
      /**
       * Works out what `paint` will need (its words' layout, cached per record), called as
       * React renders the object: a board opens in a transition React splits into short
       * slices, and the frame that draws it is then drawing only.
       */
      prepare?(shape: T): void;
      View?: never;
    };

/**
 * The client's part of a type: how it is drawn and where its text is edited. Everything else
 * (schema, bounds, text field, resize rule, SVG) lives in the type's module in shared.
 */
export type ShapeViewOf<T extends Shape> = Drawn<T> & {
  /** Null when the type has no words to edit, or cannot be placed right now. */
  editLayout(shape: T, lookup: ShapeLookup): EditLayout | null;
  /** More than its words, for the outline and screen readers (an arrow's ends); '' for none. */
  describe?(shape: T, ctx: DescribeContext): string;
};

export interface DescribeContext {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The words of the object with this id ('' when it has none or is gone). */
  nameOf(id: string): string;
}
export type ShapeView<K extends ShapeType> = ShapeViewOf<ShapeOfType<K>>;

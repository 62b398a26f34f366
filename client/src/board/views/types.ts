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
 * The client's part of a type: its Konva view and where its text is edited. Everything else
 * (schema, bounds, text field, resize rule, SVG) lives in the type's module in shared.
 */
export interface ShapeViewOf<T extends Shape> {
  View: (props: ShapeViewProps<T>) => React.ReactNode;
  /** Null when the type has no words to edit, or cannot be placed right now. */
  editLayout(shape: T, lookup: ShapeLookup): EditLayout | null;
  /** More than its words, for the outline and screen readers (an arrow's ends); '' for none. */
  describe?(shape: T, ctx: DescribeContext): string;
}

export interface DescribeContext {
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The words of the object with this id ('' when it has none or is gone). */
  nameOf(id: string): string;
}
export type ShapeView<K extends ShapeType> = ShapeViewOf<ShapeOfType<K>>;

export type ViewFor<K extends ShapeType> = ShapeView<K>['View'];

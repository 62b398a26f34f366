import type { Shape, ShapeLookup, ShapeOfType } from '@torg/shared';

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

export type ViewFor<K extends Shape['type']> = (
  props: ShapeViewProps<ShapeOfType<K>>,
) => React.ReactNode;

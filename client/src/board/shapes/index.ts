import type { ShapeType } from '@torg/shared';
import type { ComponentType } from 'react';
import { StickyShape } from './StickyShape.js';
import type { ShapeComponentProps } from './types.js';

/** The client's registry of shape components, one per object type. */
export const SHAPE_COMPONENTS: { [K in ShapeType]: ComponentType<ShapeComponentProps> } = {
  sticky: StickyShape,
};

export function componentFor(type: unknown): ComponentType<ShapeComponentProps> | null {
  return typeof type === 'string' && Object.hasOwn(SHAPE_COMPONENTS, type)
    ? SHAPE_COMPONENTS[type as ShapeType]
    : null;
}

import { type MessageKey, type Shape, type ShapeType, shapeText } from '@torg/shared';
import type { Editor } from '../editor/Editor.js';
import { connectorView } from './ConnectorView.js';
import { drawingView } from './DrawingView.js';
import { frameView } from './FrameView.js';
import { geoView } from './GeoView.js';
import { imageView } from './ImageView.js';
import { stickyView } from './StickyView.js';
import { textView } from './TextView.js';
import type { DescribeContext, ShapeView, ShapeViewOf, ShapeViewProps } from './types.js';

/**
 * The client's registry of shape views, type → view. Typed per key: a type in shared's
 * registry without a view here does not compile — adding a type is one module in shared
 * plus one view.
 */
export const SHAPE_VIEWS: { readonly [K in ShapeType]: ShapeView<K> } = {
  sticky: stickyView,
  text: textView,
  geo: geoView,
  connector: connectorView,
  frame: frameView,
  drawing: drawingView,
  image: imageView,
};

/**
 * The view of an object's type, typed for that object. The cast restates what the mapped
 * type above checks: TypeScript cannot correlate a union value with its registry entry.
 */
export function viewOf<T extends Shape>(shape: T): ShapeViewOf<T> {
  return SHAPE_VIEWS[shape.type] as unknown as ShapeViewOf<T>;
}

/** An object's Konva view; null for a painted type (drawn by PaintedRun instead). */
export function renderShape(props: ShapeViewProps): React.ReactNode {
  const { View } = viewOf(props.shape);
  return View ? <View {...props} /> : null;
}

/** Whether the object's type is painted many to a node (see types.ts) rather than a view. */
export function isPainted(shape: Shape): boolean {
  return viewOf(shape).paint !== undefined;
}

/** The locale key naming a type ("Lapp", "Pil", …). */
export function typeLabelKey(type: ShapeType): MessageKey {
  return `outline.type.${type}`;
}

/** An object's words as a short name ('' when it has none or is gone). */
export function nameOf(api: Editor, id: string): string {
  const s = api.store.get(id);
  return s ? shapeText(s).slice(0, 40) : '';
}

/** What a view adds to an object's words for the outline and screen readers ('' for none). */
export function describeShape(shape: Shape, ctx: DescribeContext): string {
  return viewOf(shape).describe?.(shape, ctx) ?? '';
}

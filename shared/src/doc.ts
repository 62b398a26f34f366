import * as Y from 'yjs';
import type { TxOrigin } from './origins.js';
import { parseShape, type Shape } from './schema.js';

/**
 * The Y.Doc layout of a board, defined once. Nothing else names these keys.
 *
 * - `shapes`: Y.Map<shapeId, Y.Map<field, value>> — each object is its own nested map, so
 *   concurrent edits of different fields merge and deleting an object frees its history.
 */
export const BOARD_DOC = {
  shapes: 'shapes',
} as const;

export type ShapeMap = Y.Map<unknown>;

export function shapesMap(doc: Y.Doc): Y.Map<ShapeMap> {
  return doc.getMap<ShapeMap>(BOARD_DOC.shapes);
}

/** Reads one object; returns null for a record that fails migration or validation. */
export function readShape(map: ShapeMap): Shape | null {
  try {
    return parseShape(map.toJSON());
  } catch {
    return null;
  }
}

export function readAllShapes(doc: Y.Doc): Shape[] {
  const out: Shape[] = [];
  for (const map of shapesMap(doc).values()) {
    const shape = readShape(map);
    if (shape) out.push(shape);
  }
  return out;
}

function fillMap(map: ShapeMap, fields: Partial<Shape>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'id') continue;
    if (map.get(key) !== value) map.set(key, value);
  }
}

/** Adds or replaces whole objects, all in one transaction. */
export function writeShapes(doc: Y.Doc, shapes: readonly Shape[], origin: TxOrigin): void {
  const all = shapesMap(doc);
  doc.transact(() => {
    for (const shape of shapes) {
      const map = all.get(shape.id);
      if (map) fillMap(map, shape);
      else all.set(shape.id, new Y.Map<unknown>(Object.entries(shape)));
    }
  }, origin);
}

export type ShapePatch = Partial<Omit<Shape, 'id' | 'type' | 'v'>>;

/** Changes fields of existing objects in one transaction; unknown ids are ignored. */
export function updateShapes(
  doc: Y.Doc,
  patches: ReadonlyMap<string, ShapePatch>,
  origin: TxOrigin,
): void {
  const all = shapesMap(doc);
  doc.transact(() => {
    for (const [id, patch] of patches) {
      const map = all.get(id);
      if (map) fillMap(map, patch);
    }
  }, origin);
}

export function deleteShapes(doc: Y.Doc, ids: Iterable<string>, origin: TxOrigin): void {
  const all = shapesMap(doc);
  doc.transact(() => {
    for (const id of ids) all.delete(id);
  }, origin);
}

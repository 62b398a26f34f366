import * as Y from 'yjs';
import { center } from './geometry.js';
import type { TxOrigin } from './origins.js';
import { isBoxShape, parseShape, type Shape } from './schema.js';

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

function fillMap(map: ShapeMap, fields: object): void {
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'id') continue;
    // An optional field patched to undefined is removed (a note that is no measure any more).
    if (value === undefined) {
      if (map.has(key)) map.delete(key);
    } else if (map.get(key) !== value) map.set(key, value);
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

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** Fields of an object that may change after creation (any type's). */
export type ShapePatch = Partial<DistributiveOmit<Shape, 'id' | 'type' | 'v'>>;

/**
 * Changes fields of existing objects in one transaction; unknown ids are ignored. A patch
 * that would make an object invalid throws before anything is written.
 */
export function updateShapes(
  doc: Y.Doc,
  patches: ReadonlyMap<string, ShapePatch>,
  origin: TxOrigin,
): void {
  const all = shapesMap(doc);
  const checked: [ShapeMap, ShapePatch][] = [];
  for (const [id, patch] of patches) {
    const map = all.get(id);
    if (!map) continue;
    parseShape({ ...map.toJSON(), ...patch });
    checked.push([map, patch]);
  }
  doc.transact(() => {
    for (const [map, patch] of checked) fillMap(map, patch);
  }, origin);
}

/**
 * Deletes objects. A connector attached to a deleted object keeps its line: that end is
 * detached to a free point where the object's centre was, in the same transaction.
 */
export function deleteShapes(doc: Y.Doc, ids: Iterable<string>, origin: TxOrigin): void {
  const all = shapesMap(doc);
  const gone = new Set(ids);
  doc.transact(() => {
    const centres = new Map<string, { x: number; y: number }>();
    for (const id of gone) {
      const map = all.get(id);
      const shape = map ? readShape(map) : null;
      if (shape && isBoxShape(shape)) centres.set(id, center(shape));
    }
    for (const [id, map] of all) {
      if (gone.has(id) || map.get('type') !== 'connector') continue;
      for (const end of ['start', 'end'] as const) {
        const t = map.get(end) as { kind?: unknown; shapeId?: unknown } | undefined;
        if (t?.kind !== 'shape' || typeof t.shapeId !== 'string' || !gone.has(t.shapeId)) continue;
        const c = centres.get(t.shapeId) ?? { x: 0, y: 0 };
        map.set(end, { kind: 'point', x: c.x, y: c.y });
      }
    }
    for (const id of gone) all.delete(id);
  }, origin);
}

/** Reads one object by id. */
export function getShape(doc: Y.Doc, id: string): Shape | null {
  const map = shapesMap(doc).get(id);
  return map ? readShape(map) : null;
}

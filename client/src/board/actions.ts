import {
  deleteShapes,
  frameContents,
  generateZBelow,
  isBoxShape,
  isFurniture,
  newId,
  ORIGIN_LOCAL,
  parseShape,
  type Shape,
  type ShapePatch,
  type Terminal,
  updateShapes,
  withoutTemplateMarks,
  writeShapes,
  zAbove,
} from '@torg/shared';
import type * as Y from 'yjs';
import type { BoardStore } from './store.js';

/**
 * Board edits as plain functions over the document. Each is one transaction with the local
 * origin, so it is one undo step and never touches another person's changes.
 */
export function topZ(store: BoardStore): string {
  const order = store.order();
  const top = order.length ? store.get(order[order.length - 1] ?? '')?.z : undefined;
  return zAbove(top ? [top] : []);
}

export function addShapes(doc: Y.Doc, shapes: Shape[]): void {
  writeShapes(doc, shapes, ORIGIN_LOCAL);
}

export function patchShapes(doc: Y.Doc, patches: Map<string, ShapePatch>): void {
  if (patches.size > 0) updateShapes(doc, patches, ORIGIN_LOCAL);
}

/** Unlocked objects among these ids. */
export function editable(store: BoardStore, ids: Iterable<string>): string[] {
  return [...ids].filter((id) => {
    const s = store.get(id);
    return s && !s.locked;
  });
}

export function deleteIds(doc: Y.Doc, store: BoardStore, ids: Iterable<string>): void {
  const ok = editable(store, ids);
  if (ok.length) deleteShapes(doc, ok, ORIGIN_LOCAL);
}

/**
 * What moves when these objects move: the objects, everything inside moving frames, and
 * free connector ends that lie within the moved set's frames. Locked objects stay.
 */
export function movingSet(store: BoardStore, ids: Iterable<string>): Set<string> {
  const all = store.list();
  const out = new Set<string>();
  for (const id of ids) {
    const s = store.get(id);
    if (!s || s.locked) continue;
    out.add(id);
    if (s.type === 'frame')
      for (const inner of frameContents(id, all)) if (!store.get(inner)?.locked) out.add(inner);
  }
  return out;
}

/** Moves objects by (dx, dy): boxes by position, connectors by their free ends. */
export function moveBy(
  doc: Y.Doc,
  store: BoardStore,
  ids: Iterable<string>,
  dx: number,
  dy: number,
): void {
  const patches = new Map<string, ShapePatch>();
  for (const id of ids) {
    const s = store.get(id);
    if (!s || s.locked) continue;
    if (isBoxShape(s)) patches.set(id, { x: Math.round(s.x + dx), y: Math.round(s.y + dy) });
    else
      patches.set(id, { start: shiftTerminal(s.start, dx, dy), end: shiftTerminal(s.end, dx, dy) });
  }
  patchShapes(doc, patches);
}

function shiftTerminal(t: Terminal, dx: number, dy: number): Terminal {
  return t.kind === 'point'
    ? { kind: 'point', x: Math.round(t.x + dx), y: Math.round(t.y + dy) }
    : t;
}

/**
 * Copies objects with new ids, offset by (dx, dy), on top of everything. Connectors between
 * copied objects are re-attached to the copies; ends attached to objects not copied become
 * free points, so a paste never ties into the original.
 */
export function cloneShapes(
  shapes: readonly Shape[],
  store: BoardStore | null,
  dx: number,
  dy: number,
): Shape[] {
  const ids = new Map(shapes.map((s) => [s.id, newId()]));
  let z = store ? topZ(store) : zAbove([]);
  const lookup = new Map(shapes.map((s) => [s.id, s]));
  const remap = (t: Terminal): Terminal => {
    if (t.kind === 'point') return { kind: 'point', x: t.x + dx, y: t.y + dy };
    const copy = ids.get(t.shapeId);
    if (copy) return { kind: 'shape', shapeId: copy };
    const target = lookup.get(t.shapeId) ?? store?.get(t.shapeId);
    const c =
      target && isBoxShape(target)
        ? { x: target.x + target.w / 2, y: target.y + target.h / 2 }
        : { x: 0, y: 0 };
    return { kind: 'point', x: c.x + dx, y: c.y + dy };
  };
  return [...shapes]
    .sort((a, b) => (a.z < b.z ? -1 : 1))
    .map((s) => {
      const id = ids.get(s.id) ?? newId();
      // A copy is the person's own content: unlocked, and no longer the template's furniture.
      const plain = withoutTemplateMarks(s);
      const copy: Shape = isBoxShape(plain)
        ? { ...plain, id, z, x: plain.x + dx, y: plain.y + dy, locked: false }
        : { ...plain, id, z, start: remap(plain.start), end: remap(plain.end), locked: false };
      z = zAbove([z]);
      return copy;
    });
}

export function duplicate(doc: Y.Doc, store: BoardStore, ids: readonly string[]): string[] {
  const shapes = ids.map((id) => store.get(id)).filter((s): s is Shape => !!s);
  const copies = cloneShapes(shapes, store, 24, 24);
  addShapes(doc, copies);
  return copies.map((c) => c.id);
}

export function bringToFront(doc: Y.Doc, store: BoardStore, ids: readonly string[]): void {
  let z = topZ(store);
  const patches = new Map<string, ShapePatch>();
  for (const id of sortByZ(store, editable(store, ids))) {
    patches.set(id, { z });
    z = zAbove([z]);
  }
  patchShapes(doc, patches);
}

export function sendToBack(doc: Y.Doc, store: BoardStore, ids: readonly string[]): void {
  const bottom = store.get(store.order()[0] ?? '')?.z ?? null;
  let z = generateZBelow(bottom);
  const patches = new Map<string, ShapePatch>();
  for (const id of sortByZ(store, editable(store, ids)).reverse()) {
    patches.set(id, { z });
    z = generateZBelow(z);
  }
  patchShapes(doc, patches);
}

function sortByZ(store: BoardStore, ids: string[]): string[] {
  const pos = new Map(store.order().map((id, i) => [id, i]));
  return ids.sort((a, b) => (pos.get(a) ?? 0) - (pos.get(b) ?? 0));
}

export function setLocked(
  doc: Y.Doc,
  store: BoardStore,
  ids: readonly string[],
  locked: boolean,
): void {
  patchShapes(doc, new Map(ids.filter((id) => store.get(id)).map((id) => [id, { locked }])));
}

/**
 * The ids among these whose lock this person may toggle: a template's furniture only when
 * the board's rules allow it (facilitators), everything else always.
 */
export function lockableIds(
  store: BoardStore,
  ids: readonly string[],
  mayUnlockFurniture: boolean,
): string[] {
  return ids.filter((id) => {
    const s = store.get(id);
    return !!s && (mayUnlockFurniture || !isFurniture(s));
  });
}

export const CLIPBOARD_MARK = 'torg/shapes@1';
export function serializeForClipboard(shapes: Shape[]): string {
  return JSON.stringify({ [CLIPBOARD_MARK]: shapes });
}
export function parseClipboard(text: string): Shape[] | null {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const list = data?.[CLIPBOARD_MARK];
    if (!Array.isArray(list)) return null;
    const out: Shape[] = [];
    for (const raw of list) {
      try {
        out.push(parseShape(raw as Record<string, unknown>));
      } catch {
        // skip what does not validate
      }
    }
    return out;
  } catch {
    return null;
  }
}

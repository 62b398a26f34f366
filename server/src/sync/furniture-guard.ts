import { BOARD_DOC, shapesMap } from '@torg/shared';
import * as Y from 'yjs';

/**
 * Whether a board update changes a template's locked furniture (titles, year labels, guide
 * texts: `furniture: true` and `locked: true`), which only a facilitator may do. Our client
 * never offers it to anyone else; this is the server's answer to a client that tries anyway.
 *
 * It reads the update's structure without applying it: every new item is traced to the type
 * it goes into (through its parent, or the neighbour it was inserted next to), and every
 * deletion to the item it removes. Touched is: a field of a locked furniture object (or
 * anything nested in one), its slot in the board's shape map (overwritten or deleted).
 * Items the update itself creates are followed through the update; items the document already
 * holds are no change.
 */
export function touchesLockedFurniture(doc: Y.Doc, update: Uint8Array): boolean {
  const shapes = shapesMap(doc) as unknown as Y.AbstractType<unknown>;
  const { structs, ds } = Y.decodeUpdate(update);
  const incoming = new Map<string, Y.Item>();
  for (const s of structs) if (s instanceof Y.Item) incoming.set(key(s.id), s);

  const known = (id: Y.ID) => id.clock < Y.getState(doc.store, id.client);
  const existing = (id: Y.ID): Y.Item | null => {
    if (!known(id)) return null;
    const s = Y.getItem(doc.store, id);
    return s instanceof Y.Item ? s : null;
  };
  const lockedShape = (id: string | null | undefined) => {
    const map = id ? (shapesMap(doc).get(id) as Y.Map<unknown> | undefined) : undefined;
    return map instanceof Y.Map && map.get('furniture') === true && map.get('locked') === true;
  };
  /** Whether content inside `type` (a type of the document) belongs to locked furniture. */
  const insideLocked = (type: Y.AbstractType<unknown> | null): boolean => {
    for (let t = type; t?._item; t = t._item.parent as Y.AbstractType<unknown> | null) {
      if (t._item.parent === shapes) return lockedShape(t._item.parentSub);
    }
    return false;
  };
  /** Whether an item of the document, written or deleted, touches locked furniture. */
  const existingTouches = (item: Y.Item): boolean => {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (parent === shapes) return lockedShape(item.parentSub);
    return insideLocked(parent);
  };

  const seen = new Map<string, boolean>();
  /** Whether an incoming item goes into locked furniture. */
  const incomingTouches = (item: Y.Item): boolean => {
    const k = key(item.id);
    const cached = seen.get(k);
    if (cached !== undefined) return cached;
    seen.set(k, false); // a cycle in a hostile update proves nothing; decided below
    let result = false;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      // A root type by name: only the shape map's slots matter.
      result = parent === BOARD_DOC.shapes && lockedShape(item.parentSub);
    } else if (parent instanceof Y.ID) {
      result = throughId(parent, (p) => insideLockedContent(p));
    } else {
      // No parent written: it lives next to its origin (or right origin), in the same type
      // and, in a map, under the same key.
      const neighbour = item.origin ?? item.rightOrigin;
      if (neighbour) result = throughId(neighbour, (n) => n);
    }
    seen.set(k, result);
    return result;
  };
  /** Follows an id to an item of the document or of the update. */
  const throughId = (id: Y.ID, ofExisting: (item: Y.Item) => boolean | Y.Item): boolean => {
    const there = existing(id);
    if (there) {
      const r = ofExisting(there);
      return typeof r === 'boolean' ? r : existingTouches(r);
    }
    const fresh = incoming.get(key(id));
    return fresh ? incomingTouches(fresh) : false;
  };
  /** The item holds a type (its content); does that type sit in locked furniture? */
  const insideLockedContent = (holder: Y.Item): boolean => {
    if (holder.parent === shapes) return lockedShape(holder.parentSub);
    return insideLocked(holder.parent as Y.AbstractType<unknown> | null);
  };

  // Items the document already holds change nothing when applied again: a reopened page sends
  // its whole offline copy (y-indexeddb), template furniture included, and that is no attempt.
  const alreadyHeld = (item: Y.Item) =>
    item.id.clock + item.length <= Y.getState(doc.store, item.id.client);
  for (const item of incoming.values())
    if (!alreadyHeld(item) && incomingTouches(item)) return true;
  for (const [client, ranges] of ds.clients) {
    const structsOf = doc.store.clients.get(client);
    if (!structsOf) continue;
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, Y.getState(doc.store, client));
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(structsOf, clock); i < structsOf.length; i++) {
        const s = structsOf[i];
        if (!s || s.id.clock >= end) break;
        if (s instanceof Y.Item && !s.deleted && existingTouches(s)) return true;
      }
    }
  }
  return false;
}

const key = (id: Y.ID) => `${id.client}:${id.clock}`;

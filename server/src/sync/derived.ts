import type * as Y from 'yjs';

/**
 * Values computed from a document, kept until the document changes. Read routes that any
 * member may call often (the vote list, a board's authors) would otherwise re-read and
 * re-validate a whole board on every call; with this, a repeated call costs a lookup, and a
 * flood of them costs no more. Every change to a Y.Doc emits 'update' (local, remote and
 * applied from storage alike), so a value is never served for a state it was not computed on.
 */
interface Entry {
  version: number;
  values: Map<string, { version: number; value: unknown }>;
}

const entries = new WeakMap<Y.Doc, Entry>();

function entryOf(doc: Y.Doc): Entry {
  let entry = entries.get(doc);
  if (!entry) {
    const fresh: Entry = { version: 0, values: new Map() };
    doc.on('update', () => {
      fresh.version++;
    });
    entries.set(doc, fresh);
    entry = fresh;
  }
  return entry;
}

/**
 * `compute(doc)` for the document as it is now, computed once per document state and `key`.
 * The value is shared by every caller, so it is frozen (deeply): a caller that changed it
 * would change it for all, and in strict mode (every module) such a write throws instead.
 */
export function derived<T>(doc: Y.Doc, key: string, compute: (doc: Y.Doc) => T): Readonly<T> {
  const entry = entryOf(doc);
  const hit = entry.values.get(key);
  if (hit && hit.version === entry.version) return hit.value as T;
  const value = deepFreeze(compute(doc));
  entry.values.set(key, { version: entry.version, value });
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

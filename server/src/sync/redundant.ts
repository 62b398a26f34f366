import * as Y from 'yjs';

/**
 * Whether an update carries nothing the document does not already have: every struct is
 * known and every deletion already applied. Clients re-send what they already got — the
 * y-websocket client forwards whatever its local IndexedDB copy replays — so a read-only
 * connection's redundant update is not a write and must not be refused.
 */
export function isRedundant(doc: Y.Doc, update: Uint8Array): boolean {
  const rest = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  if (rest.structs.length > 0) return false;
  if (rest.ds.clients.size === 0) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of rest.ds.clients) {
    const have = known.clients.get(client) ?? [];
    for (const r of ranges) if (!covered(have, r.clock, r.len)) return false;
  }
  return true;
}

/** Whether sorted, merged ranges cover [clock, clock + len). */
function covered(
  ranges: readonly { clock: number; len: number }[],
  clock: number,
  len: number,
): boolean {
  let at = clock;
  const end = clock + len;
  for (const r of ranges) {
    if (r.clock > at) break;
    if (r.clock + r.len > at) at = r.clock + r.len;
    if (at >= end) return true;
  }
  return at >= end;
}

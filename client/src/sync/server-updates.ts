import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

type UpdateListener = (
  update: Uint8Array,
  origin: unknown,
  doc: Y.Doc,
  transaction: Y.Transaction,
) => void;

/** y-protocols' sync message types that carry a document update. */
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/**
 * From this size on, an update from the server is applied by `applyServerUpdate`: a board's
 * first sync (a 10,000-object board: 2.8 MB), an import, a large paste by someone else.
 */
const LARGE_UPDATE_BYTES = 64 * 1024;

/** Whether the transaction changed the document (what Yjs checks before its 'update' event). */
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState)
    if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Applies an update from the server. Yjs would encode what it applied once more for the
 * document's 'update' listeners (the provider, which ignores the server's own changes, and
 * the IndexedDB copy, which stores them): for a 10,000-object board's first sync, 2.8 MB and
 * 60 ms of the page's longest task (issue 23). The listeners get the server's bytes instead,
 * which carry the same change, and only when something changed, as Yjs does.
 */
export function applyServerUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const listeners = [...(doc._observers.get('update') ?? [])] as UpdateListener[];
  let applied: Y.Transaction | null = null;
  const capture = (tr: Y.Transaction) => {
    applied = tr;
  };
  for (const listener of listeners) doc.off('update', listener);
  doc.on('afterTransaction', capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', capture);
    for (const listener of listeners) doc.on('update', listener);
  }
  const tr = applied as Y.Transaction | null;
  if (tr && changed(tr)) for (const listener of listeners) listener(update, origin, doc, tr);
}

/**
 * Makes `provider` apply the server's large updates with `applyServerUpdate`; everything else
 * goes through y-websocket's own sync handler, as before.
 */
export function applyLargeServerUpdates(provider: WebsocketProvider): void {
  const standard = provider.messageHandlers[messageSync];
  if (!standard) return;
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, type) => {
    const peek = decoding.clone(decoder);
    const sub = decoding.readVarUint(peek);
    const update =
      sub === SYNC_STEP2 || sub === SYNC_UPDATE ? decoding.readVarUint8Array(peek) : null;
    if (!update || update.length < LARGE_UPDATE_BYTES) {
      standard(encoder, decoder, p, emitSynced, type);
      return;
    }
    // As y-websocket's handler: the reply (none for these) would follow this type.
    encoding.writeVarUint(encoder, messageSync);
    decoder.pos = peek.pos;
    try {
      applyServerUpdate(p.doc, update, p);
    } catch (err) {
      // y-protocols reports a failed update the same way and carries on.
      console.error('Caught error while handling a Yjs update', err);
    }
    if (emitSynced && sub === SYNC_STEP2 && !p.synced) p.synced = true;
  };
}

import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * A big document's first sync in slices: updates of at most `maxStructs` structs each, in an
 * order in which every struct comes after everything it refers to (its left and right origin
 * and the type it is in), so that each applies completely on its own as it arrives. A browser
 * applies each WebSocket message in a task of its own: a 10,000-object board then arrives in
 * small steps instead of one task of a third of a second, and the page stays responsive
 * (issue 23). What is deleted comes last, with the sync step 2 (see `Room.syncStep2`).
 *
 * The updates are written with Yjs's own encoder and each struct's own `write`, as Yjs writes
 * an update; only the order and the cuts are ours. Null if no such order was found (then the
 * document goes whole, as before).
 */
export function sliceDocument(doc: Y.Doc, maxStructs: number): Uint8Array[] | null {
  const clients = doc.store.clients;
  let total = 0;
  for (const structs of clients.values()) total += structs.length;
  // Each step emits a struct or follows a dependency to one not yet emitted; a document Yjs
  // integrated has no cycles, but should one ever appear, the caller sends it whole.
  let steps = 4 * total + 16;
  const next = new Map<number, number>();
  for (const client of clients.keys()) next.set(client, 0);
  /** Client and index of every struct, in an order with each one's dependencies before it. */
  const orderClient: number[] = [];
  const orderIndex: number[] = [];

  /** The struct holding `id`, as (client, index); null when it is already emitted. */
  const pendingDep = (id: Y.ID | null): [number, number] | null => {
    if (!id) return null;
    const structs = clients.get(id.client);
    if (!structs) return null;
    const at = next.get(id.client) ?? 0;
    // Mostly it is: the client's next struct to emit starts after it (no search needed).
    const nextStruct = structs[at];
    if (!nextStruct || nextStruct.id.clock > id.clock) return null;
    return [id.client, Y.findIndexSS(structs, id.clock)];
  };
  const firstPendingDep = (struct: Y.Item | Y.GC): [number, number] | null => {
    if (!(struct instanceof Y.Item)) return null;
    const parent = struct.parent;
    const parentItem = parent instanceof Y.AbstractType ? parent._item : null;
    return (
      pendingDep(struct.origin) ??
      pendingDep(struct.rightOrigin) ??
      pendingDep(parentItem?.id ?? null)
    );
  };

  const stack: [number, number][] = [];
  for (const [client, structs] of clients) {
    stack.push([client, structs.length - 1]);
    while (stack.length > 0) {
      if (--steps < 0) return null;
      const [c, upTo] = stack[stack.length - 1] as [number, number];
      const at = next.get(c) ?? 0;
      if (at > upTo) {
        stack.pop();
        continue;
      }
      const struct = (clients.get(c) ?? [])[at] as Y.Item | Y.GC;
      const dep = firstPendingDep(struct);
      if (dep) {
        stack.push(dep);
        continue;
      }
      orderClient.push(c);
      orderIndex.push(at);
      next.set(c, at + 1);
    }
  }

  const slices: Uint8Array[] = [];
  for (let from = 0; from < orderClient.length; from += maxStructs) {
    // Each client's structs in a slice are one run (emitted in clock order, none skipped).
    const runs = new Map<number, [first: number, last: number]>();
    const to = Math.min(orderClient.length, from + maxStructs);
    for (let k = from; k < to; k++) {
      const client = orderClient[k] as number;
      const index = orderIndex[k] as number;
      const run = runs.get(client);
      if (run) run[1] = index;
      else runs.set(client, [index, index]);
    }
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, runs.size);
    for (const [client, [first, last]] of runs) {
      const structs = clients.get(client) ?? [];
      encoding.writeVarUint(encoder.restEncoder, last - first + 1);
      encoder.writeClient(client);
      encoding.writeVarUint(encoder.restEncoder, (structs[first] as Y.Item | Y.GC).id.clock);
      for (let i = first; i <= last; i++) (structs[i] as Y.Item | Y.GC).write(encoder, 0);
    }
    // No deletions here: they come with the last message.
    encoding.writeVarUint(encoder.restEncoder, 0);
    slices.push(encoder.toUint8Array());
  }
  return slices;
}

import { MAX_CLOCK_AHEAD } from './awareness-owners.js';
import { type AwarenessEntry, decodeAwarenessEntries, isEchoOfOthers } from './awareness-relay.js';
import type { Room, RoomMember } from './room.js';

/** What a connection's awareness update comes to (see `vetAwareness`). */
export type Vetted =
  | {
      refused: null;
      /** The entries to apply, rewritten to speak only for the connection. */
      entries: AwarenessEntry[];
      /** The client id the connection speaks for from now on (null while it has none). */
      ownClientId: number | null;
      /** Its own ids the room had removed: the connection is told, so it re-announces. */
      removed: number[];
    }
  | { refused: { entry: AwarenessEntry; knownClock: number; reason: string } };

/**
 * Checks an awareness update of `member` and rewrites it so it speaks only for that
 * connection: the first client id it announces is bound to it (refused when another live
 * connection or another participant owns that id), every state must be JSON, and on a
 * workshop the `user` field is replaced by the server's `stamp` of who this really is. Entries
 * for other ids are dropped, never applied: y-websocket clients echo every state they receive
 * (their awareness "update" handler sends all changed ids), so such entries come from honest
 * clients all the time. A clock far ahead of the room's (`MAX_CLOCK_AHEAD`), for any id, is
 * refused: nothing of the message is to be applied and the connection is to be closed.
 */
export function vetAwareness(
  room: Room,
  member: RoomMember,
  update: Uint8Array,
  own: { ownClientId: number | null; stamp: Record<string, unknown> | null },
): Vetted {
  // An echo (see `isEchoOfOthers`) would be dropped entry by entry below: it is dropped whole.
  if (own.ownClientId !== null && isEchoOfOthers(update, own.ownClientId, room.awareness))
    return { refused: null, entries: [], ownClientId: own.ownClientId, removed: [] };
  const entries = decodeAwarenessEntries(update);
  for (const entry of entries) {
    const known = room.awareness.clockOf(entry.clientId);
    if (entry.clock > known + MAX_CLOCK_AHEAD)
      return { refused: { entry, knownClock: known, reason: 'presence refused: clock far ahead' } };
  }
  let ownClientId = own.ownClientId;
  const kept: AwarenessEntry[] = [];
  const removed: number[] = [];
  for (const entry of entries) {
    if (ownClientId === null) {
      if (!room.claimAwareness(entry.clientId, member)) {
        // No newer than the room's: an echo of someone else's presence (a y-websocket
        // client with no presence of its own, a watcher, forwards what it receives), not a
        // claim. The room would not take it anyway: dropped, and nobody is closed.
        if (entry.clock <= room.awareness.clockOf(entry.clientId)) continue;
        return {
          refused: {
            entry,
            knownClock: room.awareness.clockOf(entry.clientId),
            reason: 'presence refused: that client id belongs to another connection',
          },
        };
      }
      ownClientId = entry.clientId;
    }
    if (entry.clientId !== ownClientId) continue;
    // The binding may have moved to a newer connection of the same participant (it moves
    // back then); anyone else never gets here, this is the safety net.
    if (!room.claimAwareness(entry.clientId, member)) continue;
    const state = JSON.parse(entry.state) as unknown;
    // A reconnecting client announces its state at the clock it had, but the server removed
    // the id at a higher clock when the old connection ended, so nobody would take it.
    if (
      state !== null &&
      room.awareness.isRemoved(entry.clientId) &&
      entry.clock <= room.awareness.clockOf(entry.clientId)
    )
      removed.push(entry.clientId);
    const stamp = state !== null && typeof state === 'object' && own.stamp;
    // Relayed as text: a removal exactly as the relay knows it, a stamp re-encoded.
    if (state === null) kept.push({ ...entry, state: 'null' });
    else if (stamp) kept.push({ ...entry, state: JSON.stringify({ ...state, user: stamp }) });
    else kept.push(entry);
  }
  return { refused: null, entries: kept, ownClientId, removed };
}

import { MessageType } from '@torg/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One awareness entry as it travels: y-protocols' (client id, clock, JSON state). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; `'null'` for a client that left. */
  state: string;
}

/** Reads the entries of an awareness update (y-protocols `encodeAwarenessUpdate` format). */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    });
  }
  return entries;
}

/**
 * True when an awareness update holds only entries of other clients that the relay knows at
 * the same clock or a newer one: an echo. y-websocket clients send back every awareness update
 * they receive, so under load most awareness messages are such echoes (nine in ten in a room of
 * ten); this tells them apart without decoding their states. False also for bytes that do not
 * read as an update: the full decoding refuses those.
 */
export function isEchoOfOthers(
  update: Uint8Array,
  ownClientId: number,
  relay: AwarenessRelay,
): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (clientId === ownClientId || clock > relay.clockOf(clientId)) return false;
      const length = decoding.readVarUint(decoder);
      if (decoder.pos + length > update.length) return false;
      decoder.pos += length;
    }
    return count > 0 && !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

/** Writes entries as an awareness update (the inverse of `decodeAwarenessEntries`). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return encoding.toUint8Array(e);
}

/**
 * The awareness of one document as the server relays it: the newest entry per client id,
 * kept as the JSON text it goes out as. It follows y-protocols' rules (a newer clock wins; a
 * removal at the same clock wins; a removed client keeps its clock so a late, older entry
 * cannot revive it), but it never parses states or compares them: the server only passes
 * cursors and selections on, so a move costs a map update and one encoding per tick, not the
 * decode, compare and re-encode of a full `Awareness`. States are checked by the connection
 * before they get here (see `SyncConnection`).
 */
export class AwarenessRelay {
  private readonly known = new Map<number, { clock: number; state: string; at: number }>();

  /** Takes an entry if it is newer than what is known; true when it changed the relay. */
  apply(entry: AwarenessEntry): boolean {
    const known = this.known.get(entry.clientId);
    // As y-protocols: an unknown client counts as clock 0 (its very first state, at clock 0,
    // is not taken: clients would not take it either).
    const clock = known?.clock ?? 0;
    const newer =
      clock < entry.clock ||
      (clock === entry.clock && entry.state === 'null' && known?.state !== 'null');
    if (!newer) return false;
    this.known.set(entry.clientId, { clock: entry.clock, state: entry.state, at: Date.now() });
    return true;
  }

  /** Marks clients as gone (their connection closed); returns the ids that were present. */
  remove(clientIds: Iterable<number>): number[] {
    const removed: number[] = [];
    for (const id of clientIds) {
      const known = this.known.get(id);
      if (!known || known.state === 'null') continue;
      this.known.set(id, { clock: known.clock + 1, state: 'null', at: Date.now() });
      removed.push(id);
    }
    return removed;
  }

  /** The last clock known for a client id; 0 for an unknown one (as y-protocols counts). */
  clockOf(clientId: number): number {
    return this.known.get(clientId)?.clock ?? 0;
  }

  /** True when the client id has a state; false when it is unknown or was removed. */
  isPresent(clientId: number): boolean {
    const known = this.known.get(clientId);
    return known !== undefined && known.state !== 'null';
  }

  /** True when the client id is known and was removed (left, or dropped by the server). */
  isRemoved(clientId: number): boolean {
    return this.known.get(clientId)?.state === 'null';
  }

  /** Client ids with a state (not removed). */
  present(): number[] {
    const ids: number[] = [];
    for (const [id, e] of this.known) if (e.state !== 'null') ids.push(id);
    return ids;
  }

  /**
   * Client ids with a state not renewed for `ms`. Clients renew theirs every 15 s; one that
   * stops (its server died, say) is dropped after y-protocols' 30 s, as clients do themselves.
   */
  stale(ms: number): number[] {
    const before = Date.now() - ms;
    const ids: number[] = [];
    for (const [id, e] of this.known) if (e.state !== 'null' && e.at < before) ids.push(id);
    return ids;
  }

  /** The current entries of `clientIds` (those it knows). */
  entries(clientIds: readonly number[]): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const clientId of clientIds) {
      const e = this.known.get(clientId);
      if (e) out.push({ clientId, clock: e.clock, state: e.state });
    }
    return out;
  }

  /** A y-websocket awareness message with the current entries of `clientIds`. */
  encode(clientIds: readonly number[]): Uint8Array {
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.awareness);
    encoding.writeVarUint8Array(message, encodeAwarenessEntries(this.entries(clientIds)));
    return encoding.toUint8Array(message);
  }
}

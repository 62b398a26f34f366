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
 * The awareness of one document as the server relays it: the newest entry per client id,
 * kept as the JSON text it goes out as. It follows y-protocols' rules (a newer clock wins; a
 * removal at the same clock wins; a removed client keeps its clock so a late, older entry
 * cannot revive it), but it never parses states or compares them: the server only passes
 * cursors and selections on, so a move costs a map update and one encoding per tick, not the
 * decode, compare and re-encode of a full `Awareness`. States are checked by the connection
 * before they get here (see `SyncConnection`).
 */
export class AwarenessRelay {
  private readonly entries = new Map<number, { clock: number; state: string }>();

  /** Takes an entry if it is newer than what is known; true when it changed the relay. */
  apply(entry: AwarenessEntry): boolean {
    const known = this.entries.get(entry.clientId);
    // As y-protocols: an unknown client counts as clock 0 (its very first state, at clock 0,
    // is not taken: clients would not take it either).
    const clock = known?.clock ?? 0;
    const newer =
      clock < entry.clock ||
      (clock === entry.clock && entry.state === 'null' && known?.state !== 'null');
    if (!newer) return false;
    this.entries.set(entry.clientId, { clock: entry.clock, state: entry.state });
    return true;
  }

  /** Marks clients as gone (their connection closed); returns the ids that were present. */
  remove(clientIds: Iterable<number>): number[] {
    const removed: number[] = [];
    for (const id of clientIds) {
      const known = this.entries.get(id);
      if (!known || known.state === 'null') continue;
      this.entries.set(id, { clock: known.clock + 1, state: 'null' });
      removed.push(id);
    }
    return removed;
  }

  /** Client ids with a state (not removed). */
  present(): number[] {
    const ids: number[] = [];
    for (const [id, e] of this.entries) if (e.state !== 'null') ids.push(id);
    return ids;
  }

  /** A y-websocket awareness message with the current entries of `clientIds`. */
  encode(clientIds: readonly number[]): Uint8Array {
    const update = encoding.createEncoder();
    const known = clientIds.filter((id) => this.entries.has(id));
    encoding.writeVarUint(update, known.length);
    for (const id of known) {
      const e = this.entries.get(id) as { clock: number; state: string };
      encoding.writeVarUint(update, id);
      encoding.writeVarUint(update, e.clock);
      encoding.writeVarString(update, e.state);
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.awareness);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    return encoding.toUint8Array(message);
  }
}

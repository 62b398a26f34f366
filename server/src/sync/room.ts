import type { TxOrigin } from '@torg/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

/** What the room needs from a connection: an identity to compare and a way to send. */
export interface RoomMember {
  send(message: Uint8Array): void;
  /** The workshop participant behind the connection; null on open boards. */
  readonly participantId?: string | null;
}

/** Origin of a change that came in over a connection. */
export interface RemoteOrigin extends TxOrigin {
  readonly source: 'remote';
  readonly member: RoomMember;
}

export function remoteOrigin(member: RoomMember): RemoteOrigin {
  return { source: 'remote', member };
}

/** The member whose update a transaction applied, if it came in over a connection. */
export function senderOf(origin: unknown): RoomMember | null {
  return typeof origin === 'object' && origin !== null && 'member' in origin
    ? (origin as RemoteOrigin).member
    : null;
}

/** Rooms with at most this many members get awareness changes on a short tick. */
export const SMALL_ROOM = 16;
/** Their tick: short enough to feel live, long enough to send a few moves at once. */
const SMALL_ROOM_TICK_MS = 10;

/**
 * One loaded document: its Y.Doc, awareness and the connections on it. Changes are
 * relayed to every other member at once and handed to `onUpdate` (the storage writer).
 * Awareness changes in a room of more than `SMALL_ROOM` members are gathered and sent to
 * every member as one message per tick (`awarenessTickMs`): in a busy room each client gets
 * at most ~1000/tick awareness messages per second, not one per cursor move of every other
 * member. A small room (a group at its board) gets them every 10 ms, so cursors feel live
 * there (the traffic is small: 15 others × ≤ 20 moves a second), and a few moves still go
 * out as one message (bench/load.ts: 10 % less server CPU than sending each at once).
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Set<RoomMember>();
  /** Updates not yet written to storage, in arrival order. */
  pending: Uint8Array[] = [];
  /** Log entries stored since the last compaction. */
  storedEntries = 0;
  /** Server-side users keeping the room loaded besides connections (e.g. access watchers). */
  holds = 0;
  /** Awareness client ids changed (or removed) since the last awareness tick. */
  private readonly awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly docId: string,
    stored: readonly Uint8Array[],
    private readonly onUpdate: (room: Room) => void,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
    private readonly encodeAwarenessMessage: (changed: number[]) => Uint8Array,
    private readonly awarenessTickMs = 50,
  ) {
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    // Loaded before listeners are attached, so loading never re-appends stored data.
    if (stored.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(stored as Uint8Array[]));
    this.storedEntries = stored.length;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.pending.push(update);
      this.onUpdate(this);
      this.broadcast(this.encodeUpdateMessage(update), senderOf(origin));
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        for (const id of added) this.awarenessChanged.add(id);
        for (const id of updated) this.awarenessChanged.add(id);
        for (const id of removed) this.awarenessChanged.add(id);
        if (this.awarenessChanged.size === 0) return;
        if (!this.awarenessTimer) {
          const tick =
            this.members.size <= SMALL_ROOM
              ? Math.min(SMALL_ROOM_TICK_MS, this.awarenessTickMs)
              : this.awarenessTickMs;
          this.awarenessTimer = setTimeout(() => this.flushAwareness(), tick);
          this.awarenessTimer.unref();
        }
      },
    );
  }

  /** Sends every awareness change since the last tick, as one message, to every member. */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    // Removed clients keep their meta (clock), so they are encoded as a null state.
    const changed = [...this.awarenessChanged].filter((id) => this.awareness.meta.has(id));
    this.awarenessChanged.clear();
    if (changed.length > 0 && this.members.size > 0)
      this.broadcast(this.encodeAwarenessMessage(changed), null);
  }

  broadcast(message: Uint8Array, except: RoomMember | null): void {
    for (const m of this.members) if (m !== except) m.send(message);
  }

  /** Takes the pending updates, merged into one, for a storage write. */
  takePending(): Uint8Array | null {
    if (this.pending.length === 0) return null;
    const merged = this.pending.length === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    this.pending = [];
    return merged ?? null;
  }

  destroy(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.awarenessChanged.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

import { ORIGIN_CLUSTER, ORIGIN_SERVER, type TxOrigin } from '@torg/shared';
import * as Y from 'yjs';
import { docSnapshot, type Snapshot } from '../storage/snapshot.js';
import { AwarenessOwners } from './awareness-owners.js';
import { type AwarenessEntry, AwarenessRelay } from './awareness-relay.js';
import { encodeSyncStep2, encodeUpdate } from './messages.js';
import { sliceDocument } from './slices.js';
import { firstSyncMessages } from './stored-document.js';

/**
 * A first sync of a document of more structs than this goes in slices of this many (see
 * `sliceDocument`): a 10,000-object board has about 130,000, in 32 messages of about 90 kB,
 * each applied in a browser's task of about 40 ms.
 */
const SLICE_STRUCTS = 4096;

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

/** What a room tells its registry. */
export interface RoomHooks {
  /**
   * A change made on this server (by a member or a service) was applied: to store and to
   * publish. Changes another server made (origin `cluster`) are that server's to store.
   */
  onLocalUpdate(room: Room, update: Uint8Array): void;
  /** This server's members changed their awareness (entries as the relay took them). */
  onAwareness?(room: Room, entries: readonly AwarenessEntry[]): void;
}

/** Rooms with at most this many members get every awareness change at once. */
export const SMALL_ROOM = 16;

/**
 * One loaded document: its Y.Doc, awareness and the connections on it. Changes are
 * relayed to every other member at once; this server's own go to `onLocalUpdate` too.
 *
 * Awareness (cursors, selections) in a room of more than `SMALL_ROOM` members is coalesced:
 * a change goes out at once when nothing went out in the last tick (`awarenessTickMs`, 50 ms),
 * else it waits for the end of that tick together with every other change in it, as one
 * message to every member, so each client gets at most 20 awareness messages a second however
 * many move. In a small room (a group at its board) every change goes out at once, like a
 * document change: with ten people moving five times a second a tick hardly ever holds two
 * moves of one room, so it only made cursors later (issue 24: a 10 ms tick put 10 ms on the
 * cursor's p99; gathering the moves and writes of one event-loop turn cost more CPU than it
 * saved, and lengthened the tail under load).
 */
export class Room {
  readonly awareness = new AwarenessRelay();
  /** Which connection may speak for which awareness client id (see `claimAwareness`). */
  private readonly owners = new AwarenessOwners();
  readonly members = new Set<RoomMember>();
  /** Updates not yet written to storage, in arrival order. */
  #pending: Uint8Array[] = [];
  /** Log entries stored since the last compaction. */
  #storedEntries = 0;
  /** Server-side users keeping the room loaded besides connections (e.g. access watchers). */
  #holds = 0;
  /** Awareness client ids changed (or removed) since the last awareness message. */
  private readonly awarenessChanged = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  private awarenessSentAt = Number.NEGATIVE_INFINITY;
  /** The one member whose changes the next message carries (it need not get them back). */
  private awarenessFrom: RoomMember | null = null;
  /**
   * The document's whole state as updates (`wholeState`), kept until the document changes:
   * right after loading, the stored rows when they are such parts already (a compacted big
   * board), so neither a first sync nor the next compaction slices it again.
   */
  #whole: readonly Uint8Array[] | null;
  /** What the document held when loaded (see `changesSinceLoad`). */
  readonly #loadedStateVector: Uint8Array;
  #changedSinceLoad = false;
  /**
   * The messages of a first sync, for a client that has nothing yet (a new browser, an export),
   * kept until the document changes: a crowd opening an unchanged big board costs one encoding.
   */
  private fullSync: readonly Uint8Array[] | null;

  /**
   * `doc` holds the stored rows already (`applyStoredRows`): listeners are attached after,
   * so loading never re-appends stored data. `stored.whole` is those rows when they can be its
   * whole state as they are (`storedAsWhole`).
   */
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    stored: {
      rows: number;
      whole: readonly Uint8Array[] | null;
      /** Those rows as a first sync, made already for clients that came while it loaded. */
      firstSync?: readonly Uint8Array[] | null;
    },
    private readonly hooks: RoomHooks,
    private readonly awarenessTickMs = 50,
  ) {
    this.#whole = stored.whole;
    this.fullSync = stored.firstSync ?? null;
    // Rows that are its whole state already (a compacted big board's slices) are what a
    // compaction would write again: nothing to compact until something is appended.
    this.#storedEntries = stored.whole ? 1 : stored.rows;
    this.#loadedStateVector = Y.encodeStateVector(doc);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullSync = null;
      this.#whole = null;
      this.#changedSinceLoad = true;
      if (origin !== ORIGIN_CLUSTER) {
        this.#pending.push(update);
        this.hooks.onLocalUpdate(this, update);
      }
      this.broadcast(encodeUpdate(update), senderOf(origin));
    });
  }

  /**
   * The one door for server code changing this document (Hocuspocus's
   * `DirectConnection.transact`): `fn` runs in one transaction with `origin` (the server's by
   * default), so its changes are stored, relayed and published like a member's, as one update.
   */
  transact<T>(fn: (doc: Y.Doc) => T, origin: TxOrigin = ORIGIN_SERVER): T {
    return this.doc.transact(() => fn(this.doc), origin);
  }

  /**
   * Keeps the room loaded without a connection (e.g. while the access rules watch it) until
   * the returned function is called (once; later calls do nothing). The registry unloads it
   * only when it has neither members nor holds.
   */
  hold(): () => void {
    this.#holds++;
    let held = true;
    return () => {
      if (held) this.#holds--;
      held = false;
    };
  }

  /** No connection and no server-side hold: the registry may unload it. */
  get idle(): boolean {
    return this.members.size === 0 && this.#holds === 0;
  }

  /**
   * Takes checked awareness entries from a member (or, `from` null, from another server);
   * they go out to the members with the next message.
   */
  applyAwareness(entries: readonly AwarenessEntry[], from: RoomMember | null): void {
    if (!from) for (const e of entries) this.owners.noteRemote(e);
    const before = this.awarenessChanged.size;
    const taken = entries.filter((e) => this.awareness.apply(e));
    if (taken.length === 0) return;
    for (const e of taken) this.awarenessChanged.add(e.clientId);
    this.awarenessFrom = from && (before === 0 || this.awarenessFrom === from) ? from : null;
    if (from) this.hooks.onAwareness?.(this, taken);
    this.scheduleAwareness();
  }

  /**
   * May `member` speak for awareness client id `clientId`? True binds it (see
   * `AwarenessOwners`); false: the id belongs to another live connection or participant.
   */
  claimAwareness(clientId: number, member: RoomMember): boolean {
    return this.owners.claim(clientId, member, this.awareness.isPresent(clientId));
  }

  /**
   * A member's connection ended: the ids still bound to it become removals for everyone (an
   * id its participant has meanwhile reconnected with stays: it is the new connection's now).
   */
  leaveAwareness(member: RoomMember, clientIds: Iterable<number>): void {
    this.removeAwareness(this.owners.release(member, clientIds));
  }

  /** Members left (or went quiet): their awareness entries become removals for everyone. */
  removeAwareness(clientIds: Iterable<number>): void {
    const removed = this.awareness.remove(clientIds);
    if (removed.length === 0) return;
    for (const id of removed) this.awarenessChanged.add(id);
    this.awarenessFrom = null;
    this.hooks.onAwareness?.(this, this.awareness.entries(removed));
    this.scheduleAwareness();
  }

  private scheduleAwareness(): void {
    if (this.awarenessChanged.size === 0 || this.awarenessTimer) return;
    if (this.members.size <= SMALL_ROOM) {
      this.flushAwareness();
      return;
    }
    const wait = this.awarenessSentAt + this.awarenessTickMs - performance.now();
    if (wait <= 0) {
      this.flushAwareness();
      return;
    }
    this.awarenessTimer = setTimeout(() => this.flushAwareness(), wait);
    this.awarenessTimer.unref();
  }

  /** Sends every awareness change since the last message, as one message, to every member. */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    if (this.awarenessChanged.size === 0) return;
    const changed = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    if (this.members.size === 0) {
      this.awarenessFrom = null;
      return;
    }
    this.awarenessSentAt = performance.now();
    this.broadcast(this.awareness.encode(changed), this.awarenessFrom);
    this.awarenessFrom = null;
  }

  /**
   * The answer to a client's sync step 1: what it lacks, as a sync step 2. For a client that
   * has nothing, the document's whole state: a big one as update messages in slices (each
   * applies on its own, see `sliceDocument`), the last part (what is deleted) as the sync step
   * 2; cached until it changes.
   */
  syncStep2(stateVector: Uint8Array): readonly Uint8Array[] {
    if (Y.decodeStateVector(stateVector).size > 0) return [encodeSyncStep2(this.doc, stateVector)];
    this.fullSync ??= firstSyncMessages(this.wholeState());
    return this.fullSync;
  }

  /**
   * For a client that got the stored rows before the room was ready (see
   * `DocRegistry.storedFirstSync`): what changed since they were loaded, as an update
   * message; null if nothing did.
   */
  changesSinceLoad(): Uint8Array | null {
    if (!this.#changedSinceLoad) return null;
    return encodeUpdate(Y.encodeStateAsUpdate(this.doc, this.#loadedStateVector));
  }

  /**
   * The document's whole state as updates that apply one after the other: one, or for a big
   * document its slices (see `sliceDocument`) and last an update with what is deleted.
   */
  wholeState(): readonly Uint8Array[] {
    if (!this.#whole) {
      const slices =
        structCount(this.doc) > SLICE_STRUCTS ? sliceDocument(this.doc, SLICE_STRUCTS) : null;
      this.#whole = slices
        ? [...slices, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.doc))]
        : [Y.encodeStateAsUpdate(this.doc)];
    }
    return this.#whole;
  }

  /** The document as compaction stores it: its whole state, so a cold load can send it as is. */
  snapshot(): Snapshot {
    return docSnapshot(this.doc, this.wholeState());
  }

  broadcast(message: Uint8Array, except: RoomMember | null): void {
    for (const m of this.members) if (m !== except) m.send(message);
  }

  /** Takes the pending updates, merged into one, for a storage write. */
  takePending(): Uint8Array | null {
    if (this.#pending.length === 0) return null;
    const merged = this.#pending.length === 1 ? this.#pending[0] : Y.mergeUpdates(this.#pending);
    this.#pending = [];
    return merged ?? null;
  }

  /** A taken update the storage write failed for: first again at the next write. */
  returnPending(update: Uint8Array): void {
    this.#pending.unshift(update);
  }

  /** The document is being deleted: what was not stored yet is never to be. */
  dropPending(): void {
    this.#pending = [];
  }

  /** One more log entry was stored; returns how many are stored since the last compaction. */
  noteStored(): number {
    return ++this.#storedEntries;
  }

  /** The log was compacted into one snapshot. */
  noteCompacted(): void {
    this.#storedEntries = 1;
  }

  /** More than one stored entry: compacting on unload saves the next load the merge. */
  get compactable(): boolean {
    return this.#storedEntries > 1;
  }

  destroy(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.awarenessChanged.clear();
    this.fullSync = null;
    this.#whole = null;
    this.doc.destroy();
  }
}

function structCount(doc: Y.Doc): number {
  let structs = 0;
  for (const list of doc.store.clients.values()) structs += list.length;
  return structs;
}

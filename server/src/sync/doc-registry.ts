import { DEFAULT_LIMITS, ORIGIN_CLUSTER } from '@torg/shared';
import * as Y from 'yjs';
import type { BusMessage, ClusterBus } from '../cluster/bus.js';
import type { ServerConfig } from '../config.js';
import { errorMessage, type Logger } from '../logger.js';
import { type Metrics, NO_METRICS } from '../metrics/metrics.js';
import type { AppendEntry, DocStorage } from '../storage/storage.js';
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awareness-relay.js';
import { Room } from './room.js';
import { applyStoredRows, firstSyncMessages, storedAsWhole } from './stored-document.js';

/** Awareness entries not renewed for this long are dropped (as y-protocols does). */
const AWARENESS_TIMEOUT_MS = 30_000;
/** How often stale awareness is swept and, in a cluster, state vectors are compared. */
const HOUSEKEEPING_MS = 5_000;

/**
 * Loads, persists and unloads documents.
 *
 * - A room is handed out only after its stored log is fully applied (no empty-doc race).
 * - Every change is queued and written by a group commit at most one tick later; one flush
 *   runs at a time, so a compaction never races an append.
 * - A room with no members is unloaded after a grace period: flushed, compacted, freed.
 * - With a cluster bus (several servers on one database), a loaded room listens to the other
 *   servers' changes and awareness of its document and publishes its own; each server stores
 *   what its own clients and services changed. Gaps (the bus lost messages) heal two ways:
 *   after a reconnect every room catches up from storage, and every few seconds each server
 *   publishes each room's state vector, which any server with more answers with the rest.
 */
export class DocRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly dirty = new Set<Room>();
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly loadHooks: ((room: Room) => void)[] = [];
  /** Documents being loaded: their stored rows as a first sync, once read (`storedFirstSync`). */
  private readonly storedFirstSyncs = new Map<string, Promise<readonly Uint8Array[] | null>>();
  /** Loaded rooms by document id (the settled values of `rooms`). */
  private readonly loaded = new Map<string, Room>();
  private readonly housekeeping: NodeJS.Timeout;

  constructor(
    private readonly storage: DocStorage,
    private readonly persistence: ServerConfig['persistence'],
    private readonly logger: Logger,
    /** How often a room sends its gathered awareness changes (see `Room`). */
    private readonly awarenessTickMs: number = DEFAULT_LIMITS.awarenessTickMs,
    private readonly bus: ClusterBus | null = null,
    /** The server's counters: its rooms' commits, and its connections' (see `SyncConnection`). */
    readonly metrics: Metrics = NO_METRICS,
  ) {
    this.housekeeping = setInterval(() => this.tidy(), HOUSEKEEPING_MS);
    this.housekeeping.unref();
    bus?.onReconnect(() => {
      for (const room of this.loaded.values()) void this.catchUp(room);
    });
  }

  /** Drops stale awareness; in a cluster, tells the others what each room holds. */
  private tidy(): void {
    for (const room of this.loaded.values()) {
      room.removeAwareness(room.awareness.stale(AWARENESS_TIMEOUT_MS));
      this.bus?.publish(room.docId, { type: 'state', data: Y.encodeStateVector(room.doc) });
    }
  }

  /** Applies what storage holds of a room's document that the room lacks (others' changes). */
  async refresh(room: Room): Promise<void> {
    const stored = await this.storage.load(room.docId);
    if (stored.length > 0) Y.applyUpdate(room.doc, Y.mergeUpdates(stored), ORIGIN_CLUSTER);
  }

  /** After the bus was away: catch up from storage and ask the others for anything newer. */
  private async catchUp(room: Room): Promise<void> {
    try {
      await this.refresh(room);
      this.bus?.publish(room.docId, { type: 'state', data: Y.encodeStateVector(room.doc) });
    } catch (err) {
      this.logger.error('cluster.catch_up_failed', { docId: room.docId, error: errorMessage(err) });
    }
  }

  /** A message from another server about a loaded room's document. */
  private fromBus(room: Room, message: BusMessage): void {
    try {
      if (message.type === 'update') Y.applyUpdate(room.doc, message.data, ORIGIN_CLUSTER);
      else if (message.type === 'awareness')
        room.applyAwareness(decodeAwarenessEntries(message.data), null);
      else {
        // Their state vector: send them whatever they lack.
        const theirs = Y.decodeStateVector(message.data);
        const behind = [...Y.decodeStateVector(Y.encodeStateVector(room.doc))].some(
          ([client, clock]) => (theirs.get(client) ?? 0) < clock,
        );
        if (behind)
          this.bus?.publish(room.docId, {
            type: 'update',
            data: Y.encodeStateAsUpdate(room.doc, message.data),
          });
      }
    } catch (err) {
      this.logger.warn('cluster.bad_message', { docId: room.docId, error: errorMessage(err) });
    }
  }

  /** Number of documents currently in memory. */
  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Gets the loaded room, loading it if needed; cancels a pending unload. */
  async acquire(docId: string): Promise<Room> {
    if (this.closed) throw new Error('server is shutting down');
    const timer = this.unloadTimers.get(docId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(docId);
    }
    let room = this.rooms.get(docId);
    if (!room) {
      room = this.load(docId);
      this.rooms.set(docId, room);
      room.catch(() => this.rooms.delete(docId));
    }
    return room;
  }

  /**
   * While `docId` loads (after `acquire`): the first sync for a client that has nothing, made
   * from the stored rows as they are (`storedAsWhole`) as soon as they are read, before the
   * document is built from them; it resolves to null if they cannot be sent so. Null when the
   * document is not loading. A client getting it joins the room when it is ready and is then
   * sent what changed since (`Room.changesSinceLoad`). On a restarted server a big board's
   * first sync thus goes out while the document is built, not after (issue 23).
   */
  storedFirstSync(docId: string): Promise<readonly Uint8Array[] | null> | null {
    return this.storedFirstSyncs.get(docId) ?? null;
  }

  /**
   * Runs `hook` on every room as it is loaded (after its stored content, before anyone gets
   * it): a place to observe changes. Observers end with the room's document.
   */
  onLoad(hook: (room: Room) => void): void {
    this.loadHooks.push(hook);
  }

  /**
   * Runs `fn` with the document's room, loaded for the call if needed, and lets it unload
   * afterwards if nobody else uses it: the one acquire/release pair for server code. Changes
   * go through `room.transact`.
   */
  async withRoom<T>(docId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(docId);
    try {
      return await fn(room);
    } finally {
      this.release(room);
    }
  }

  /**
   * Keeps a document loaded until the returned function is called (e.g. a watcher of the
   * workshop document); the room is handed to `use` before the function returns.
   */
  async hold(docId: string): Promise<{ room: Room; release: () => void }> {
    const room = await this.acquire(docId);
    const unhold = room.hold();
    return {
      room,
      release: () => {
        unhold();
        this.release(room);
      },
    };
  }

  /** Call when a room may have lost its last member. */
  release(room: Room): void {
    if (!room.idle || this.closed || this.unloadTimers.has(room.docId)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.docId);
      if (room.idle) void this.unload(room);
    }, this.persistence.unloadGraceMs);
    timer.unref();
    this.unloadTimers.set(room.docId, timer);
  }

  private async load(docId: string): Promise<Room> {
    // Before the first await: `storedFirstSync` answers as soon as `acquire` returns.
    let firstSync: (messages: readonly Uint8Array[] | null) => void = () => {};
    this.storedFirstSyncs.set(
      docId,
      new Promise((resolve) => {
        firstSync = resolve;
      }),
    );
    try {
      return await this.loadRoom(docId, firstSync);
    } finally {
      firstSync(null);
      this.storedFirstSyncs.delete(docId);
    }
  }

  private async loadRoom(
    docId: string,
    firstSync: (messages: readonly Uint8Array[] | null) => void,
  ): Promise<Room> {
    await this.unloading.get(docId);
    // Listen before reading storage, so nothing another server changes in between is missed;
    // what arrives meanwhile is applied once the room exists.
    let early: BusMessage[] | null = [];
    let room: Room | null = null;
    await this.bus?.join(docId, (message) => {
      if (room) this.fromBus(room, message);
      else early?.push(message);
    });
    try {
      const stored = await this.storage.load(docId);
      const whole = storedAsWhole(stored);
      const messages = whole && firstSyncMessages(whole);
      firstSync(messages);
      const made = new Room(
        docId,
        await applyStoredRows(stored),
        { rows: stored.length, whole, firstSync: messages },
        {
          onLocalUpdate: (r, update) => {
            this.markDirty(r);
            this.bus?.publish(docId, { type: 'update', data: update });
          },
          onAwareness: (_r, entries) =>
            this.bus?.publish(docId, { type: 'awareness', data: encodeAwarenessEntries(entries) }),
        },
        this.awarenessTickMs,
      );
      for (const hook of this.loadHooks) hook(made);
      room = made;
      for (const message of early ?? []) this.fromBus(made, message);
      early = null;
      this.loaded.set(docId, made);
      return made;
    } catch (err) {
      this.bus?.leave(docId);
      throw err;
    }
  }

  private markDirty(room: Room): void {
    this.dirty.add(room);
    if (!this.flushTimer && !this.closed) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.flush();
      }, this.persistence.flushIntervalMs);
    }
  }

  /** Writes every pending update of every room in one storage transaction. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    const rooms = [...this.dirty];
    this.dirty.clear();
    const entries: AppendEntry[] = [];
    const taken: { room: Room; update: Uint8Array }[] = [];
    for (const room of rooms) {
      const update = room.takePending();
      if (update) {
        entries.push({ docId: room.docId, update });
        taken.push({ room, update });
      }
    }
    if (entries.length === 0) return;
    try {
      const started = performance.now();
      await this.storage.append(entries);
      this.metrics.storageCommitted((performance.now() - started) / 1000);
    } catch (err) {
      // Keep the updates and try again next tick rather than dropping them.
      this.logger.error('storage.append_failed', {
        error: errorMessage(err),
        docs: entries.length,
      });
      for (const { room, update } of taken) {
        room.returnPending(update);
        this.markDirty(room);
      }
      return;
    }
    for (const { room } of taken) {
      if (room.noteStored() >= this.persistence.compactAfterUpdates) await this.compact(room);
    }
  }

  private async compact(room: Room): Promise<void> {
    try {
      await this.storage.compact(room.docId, room.snapshot());
      room.noteCompacted();
    } catch (err) {
      this.logger.error('storage.compact_failed', { docId: room.docId, error: errorMessage(err) });
    }
  }

  private async unload(room: Room): Promise<void> {
    const done = (async () => {
      this.rooms.delete(room.docId);
      this.loaded.delete(room.docId);
      this.bus?.leave(room.docId);
      await this.flush();
      if (room.compactable) {
        this.flushing = this.flushing.then(() => this.compact(room));
        await this.flushing;
      }
      room.destroy();
    })();
    this.unloading.set(room.docId, done);
    await done;
    if (this.unloading.get(room.docId) === done) this.unloading.delete(room.docId);
  }

  /**
   * Removes a document for good: drops it from memory without writing what is pending and
   * deletes every stored byte. Callers close its connections first.
   */
  async destroyDoc(docId: string): Promise<void> {
    const timer = this.unloadTimers.get(docId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(docId);
    const loaded = this.rooms.get(docId);
    this.rooms.delete(docId);
    this.loaded.delete(docId);
    this.bus?.leave(docId);
    await this.unloading.get(docId);
    const room = await loaded?.catch(() => null);
    // It may have finished loading after the lines above.
    if (room && this.loaded.get(docId) === room) this.loaded.delete(docId);
    if (room) {
      this.dirty.delete(room);
      room.dropPending();
      room.destroy();
    }
    // After any flush in progress, so nothing is appended after the delete.
    this.flushing = this.flushing.then(() => this.storage.delete(docId));
    await this.flushing;
  }

  /** Flushes and compacts everything, then closes storage. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.housekeeping);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    await this.flush();
    for (const r of rooms) {
      if (r.status === 'fulfilled') {
        if (r.value.compactable) await this.compact(r.value);
        r.value.destroy();
      }
    }
    await Promise.allSettled(this.unloading.values());
    this.rooms.clear();
    this.loaded.clear();
    await this.bus?.close();
    await this.storage.close();
  }
}

import { DEFAULT_LIMITS } from '@torg/shared';
import * as Y from 'yjs';
import type { ServerConfig } from '../config.js';
import { errorMessage, type Logger } from '../logger.js';
import type { AppendEntry, DocStorage } from '../storage/storage.js';
import { encodeUpdate } from './messages.js';
import { Room } from './room.js';

/**
 * Loads, persists and unloads documents.
 *
 * - A room is handed out only after its stored log is fully applied (no empty-doc race).
 * - Every change is queued and written by a group commit at most one tick later; one flush
 *   runs at a time, so a compaction never races an append.
 * - A room with no members is unloaded after a grace period: flushed, compacted, freed.
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
  constructor(
    private readonly storage: DocStorage,
    private readonly persistence: ServerConfig['persistence'],
    private readonly logger: Logger,
    /** How often a room sends its gathered awareness changes (see `Room`). */
    private readonly awarenessTickMs: number = DEFAULT_LIMITS.awarenessTickMs,
  ) {}

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
   * Runs `hook` on every room as it is loaded (after its stored content, before anyone gets
   * it): a place to observe changes. Observers end with the room's document.
   */
  onLoad(hook: (room: Room) => void): void {
    this.loadHooks.push(hook);
  }

  /** Call when a room may have lost its last member. */
  release(room: Room): void {
    if (room.members.size > 0 || room.holds > 0 || this.closed || this.unloadTimers.has(room.docId))
      return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.docId);
      if (room.members.size === 0 && room.holds === 0) void this.unload(room);
    }, this.persistence.unloadGraceMs);
    timer.unref();
    this.unloadTimers.set(room.docId, timer);
  }

  private async load(docId: string): Promise<Room> {
    await this.unloading.get(docId);
    const stored = await this.storage.load(docId);
    const room = new Room(
      docId,
      stored,
      (r) => this.markDirty(r),
      encodeUpdate,
      this.awarenessTickMs,
    );
    for (const hook of this.loadHooks) hook(room);
    return room;
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
      await this.storage.append(entries);
    } catch (err) {
      // Keep the updates and try again next tick rather than dropping them.
      this.logger.error('storage.append_failed', {
        error: errorMessage(err),
        docs: entries.length,
      });
      for (const { room, update } of taken) {
        room.pending.unshift(update);
        this.markDirty(room);
      }
      return;
    }
    for (const { room } of taken) {
      room.storedEntries++;
      if (room.storedEntries >= this.persistence.compactAfterUpdates) await this.compact(room);
    }
  }

  private async compact(room: Room): Promise<void> {
    try {
      await this.storage.compact(room.docId, Y.encodeStateAsUpdate(room.doc));
      room.storedEntries = 1;
    } catch (err) {
      this.logger.error('storage.compact_failed', { docId: room.docId, error: errorMessage(err) });
    }
  }

  private async unload(room: Room): Promise<void> {
    const done = (async () => {
      this.rooms.delete(room.docId);
      await this.flush();
      if (room.storedEntries > 1) {
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
    await this.unloading.get(docId);
    const room = await loaded?.catch(() => null);
    if (room) {
      this.dirty.delete(room);
      room.pending = [];
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
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled(this.rooms.values());
    await this.flush();
    for (const r of rooms) {
      if (r.status === 'fulfilled') {
        if (r.value.storedEntries > 1) await this.compact(r.value);
        r.value.destroy();
      }
    }
    await Promise.allSettled(this.unloading.values());
    this.rooms.clear();
    await this.storage.close();
  }
}

import {
  compareZ,
  lookupFrom,
  readShape,
  type Shape,
  type ShapeLookup,
  type ShapeMap,
  shapesMap,
} from '@torg/shared';
import type * as Y from 'yjs';

type Listener = () => void;

/** A transaction that changed at least this many objects is a bulk change (see below). */
const BULK_OBJECTS = 200;
/** Bulk changes are shown once none has come for this long… */
const BULK_QUIET_MS = 60;
/** …or at the latest this long after the first of them; the first after a pause at once. */
const BULK_MAX_WAIT_MS = 400;

/**
 * The client's validated mirror of a board document. It re-parses only the objects a
 * transaction touched, keeps the z-order, and lets each view subscribe to exactly what it
 * shows: one object (`subscribeShape`), the order (`subscribeOrder`) or everything.
 *
 * Bulk changes (a big board's first sync, which the server sends in slices of a few hundred
 * objects, or someone's large paste) are parsed at once but shown together: the first at once
 * (the board begins to appear), those right after it once no more have come for a moment, or
 * when the first sync ends (`showHeld`). Each slice then costs its parsing only, not a redraw
 * of the whole canvas: 17 redraws made a 10,000-object board twice as slow to appear
 * (issue 23). A small change shows at once, with whatever bulk change is waiting.
 */
export class BoardStore {
  private shapes = new Map<string, Shape>();
  private orderCache: string[] = [];
  private readonly byId = new Map<string, Set<Listener>>();
  private readonly orderListeners = new Set<Listener>();
  private readonly anyListeners = new Set<Listener>();
  private version = 0;
  private readonly revisions = new Map<string, number>();
  readonly lookup: ShapeLookup = (id) => this.shapes.get(id);
  private readonly all: Y.Map<ShapeMap>;
  /** Bulk changes not yet told to the views. */
  private held: { changed: Set<string>; structural: boolean; since: number } | null = null;
  private heldTimer: ReturnType<typeof setTimeout> | null = null;
  /** When a bulk change was last shown. */
  private bulkShownAt = Number.NEGATIVE_INFINITY;

  constructor(readonly doc: Y.Doc) {
    this.all = shapesMap(doc);
    for (const [id, map] of this.all) this.parse(id, map);
    this.reorder();
    this.all.observeDeep(this.onEvents);
  }

  destroy(): void {
    this.all.unobserveDeep(this.onEvents);
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.held = null;
  }

  private parse(id: string, map: ShapeMap | undefined): boolean {
    const shape = map ? readShape(map) : null;
    if (shape) this.shapes.set(id, shape);
    else this.shapes.delete(id);
    return shape !== null;
  }

  private reorder(): void {
    this.orderCache = [...this.shapes.values()].sort(compareZ).map((s) => s.id);
  }

  private readonly onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changed = new Set<string>();
    let structural = false;
    for (const e of events) {
      if (e.target === this.all) {
        for (const key of e.changes.keys.keys()) changed.add(key);
        structural = true;
      } else {
        const id = e.path[0];
        if (typeof id === 'string') changed.add(id);
        if (e.changes.keys.has('z')) structural = true;
      }
    }
    for (const id of changed) {
      this.revisions.set(id, (this.revisions.get(id) ?? 0) + 1);
      const had = this.shapes.has(id);
      const has = this.parse(id, this.all.get(id));
      if (had !== has) structural = true;
    }
    const held = this.held;
    if (held) {
      for (const id of changed) held.changed.add(id);
      held.structural ||= structural;
    }
    if (changed.size >= BULK_OBJECTS) {
      const now = Date.now();
      if (held || now - this.bulkShownAt < BULK_MAX_WAIT_MS) {
        this.hold(held ?? { changed, structural, since: now });
        return;
      }
      this.bulkShownAt = now;
    }
    this.tell(held ? held.changed : changed, held ? held.structural : structural);
  };

  /** Shows any bulk change still held now (a first sync has ended: no more are coming). */
  showHeld(): void {
    if (this.held) this.tell(this.held.changed, this.held.structural);
  }

  /** Keeps a bulk change from the views until it is quiet (see the class). */
  private hold(held: { changed: Set<string>; structural: boolean; since: number }): void {
    this.held = held;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    const wait = Math.min(BULK_QUIET_MS, Math.max(0, held.since + BULK_MAX_WAIT_MS - Date.now()));
    this.heldTimer = setTimeout(() => {
      this.bulkShownAt = Date.now();
      this.tell(held.changed, held.structural);
    }, wait);
  }

  /** Brings the order up to date and tells the views what changed. */
  private tell(changed: Set<string>, structural: boolean): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.held = null;
    if (structural) this.reorder();
    this.version++;
    for (const id of changed) for (const l of this.byId.get(id) ?? []) l();
    if (structural) for (const l of this.orderListeners) l();
    for (const l of this.anyListeners) l();
  }

  /** Increases every time the object changes (also when deleted). */
  revision(id: string): number {
    return this.revisions.get(id) ?? 0;
  }

  get(id: string): Shape | undefined {
    return this.shapes.get(id);
  }

  /** Ids in z-order (back to front). The array is replaced, never mutated. */
  order(): readonly string[] {
    return this.orderCache;
  }

  list(): Shape[] {
    return this.orderCache.map((id) => this.shapes.get(id)).filter((s): s is Shape => !!s);
  }

  get size(): number {
    return this.shapes.size;
  }

  /** Changes whenever anything changes (for useSyncExternalStore over everything). */
  getVersion(): number {
    return this.version;
  }

  snapshotLookup(): ShapeLookup {
    return lookupFrom(this.shapes.values());
  }

  subscribeShape(id: string, l: Listener): () => void {
    let set = this.byId.get(id);
    if (!set) {
      set = new Set();
      this.byId.set(id, set);
    }
    set.add(l);
    return () => {
      set.delete(l);
      if (set.size === 0) this.byId.delete(id);
    };
  }

  subscribeOrder(l: Listener): () => void {
    this.orderListeners.add(l);
    return () => this.orderListeners.delete(l);
  }

  subscribeAll(l: Listener): () => void {
    this.anyListeners.add(l);
    return () => this.anyListeners.delete(l);
  }
}

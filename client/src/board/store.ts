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

/**
 * The client's validated mirror of a board document. It re-parses only the objects a
 * transaction touched, keeps the z-order, and lets each view subscribe to exactly what it
 * shows: one object (`subscribeShape`), the order (`subscribeOrder`) or everything.
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

  constructor(readonly doc: Y.Doc) {
    this.all = shapesMap(doc);
    for (const [id, map] of this.all) this.parse(id, map);
    this.reorder();
    this.all.observeDeep(this.onEvents);
  }

  destroy(): void {
    this.all.unobserveDeep(this.onEvents);
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
    if (structural) this.reorder();
    this.version++;
    for (const id of changed) for (const l of this.byId.get(id) ?? []) l();
    if (structural) for (const l of this.orderListeners) l();
    for (const l of this.anyListeners) l();
  };

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

import {
  ATTRIBUTION_DOC,
  type Attribution,
  attributionDocId,
  attributionSchema,
  parseDocId,
  shapesMap,
} from '@torg/shared';
import type * as Y from 'yjs';
import { errorMessage, type Logger } from '../logger.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { type Room, senderOf } from '../sync/room.js';

/** How long changes are gathered before they are written (one write per board per batch). */
const BATCH_MS = 200;

interface Change {
  participantId: string;
  at: number;
  /** The object was added in this change (else changed). */
  added: boolean;
}

/**
 * Records who made and last changed each object of a workshop board (see
 * `shared/src/attribution.ts`), from the identity of the connection whose update did it. It
 * watches every loaded board and writes to the board's server-only attribution document in
 * batches. Deleted objects keep their entry (exports only ask about objects that exist).
 */
export class AttributionRecorder {
  private readonly pending = new Map<string, Map<string, Change>>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: DocRegistry,
    private readonly logger: Logger,
    /**
     * Whether the board was deleted (tombstoned). A batch gathered just before its workshop
     * was deleted would otherwise bring the attribution document back after the deletion
     * removed it (names of who wrote what, left behind, and a block to restoring the backup).
     */
    private readonly deleted: (boardId: string) => Promise<boolean> = async () => false,
  ) {
    registry.onLoad((room) => this.watch(room));
  }

  private watch(room: Room): void {
    const parsed = parseDocId(room.docId);
    if (parsed?.kind !== 'board') return;
    const boardId = parsed.id;
    shapesMap(room.doc).observeDeep((events) => {
      const origin = events[0]?.transaction.origin;
      const participantId = senderOf(origin)?.participantId;
      if (!participantId) return;
      const at = Date.now();
      for (const event of events) this.collect(boardId, event, participantId, at);
    });
  }

  private collect(
    boardId: string,
    event: Y.YEvent<Y.AbstractType<unknown>>,
    participantId: string,
    at: number,
  ): void {
    const changes = this.pending.get(boardId) ?? new Map<string, Change>();
    const note = (shapeId: string, added: boolean) => {
      const before = changes.get(shapeId);
      changes.set(shapeId, { participantId, at, added: added || !!before?.added });
    };
    if (event.path.length === 0) {
      // The shapes map itself: objects added, replaced or deleted.
      for (const [key, change] of event.changes.keys) {
        if (change.action !== 'delete') note(key, change.action === 'add');
      }
    } else {
      const key = event.path[0];
      if (typeof key === 'string') note(key, false);
    }
    if (changes.size === 0) return;
    this.pending.set(boardId, changes);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.writing = this.writing.then(() => this.flush());
      }, BATCH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is gathered now, after any write under way (shutdown, tests). */
  async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(() => this.flush());
    await this.writing;
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    for (const [boardId, changes] of batch) {
      try {
        await this.registry.withRoom(attributionDocId(boardId), (room) =>
          room.transact((doc) => {
            const map = doc.getMap<Attribution>(ATTRIBUTION_DOC.shapes);
            for (const [shapeId, c] of changes) {
              // Who made it: the one who added it; for an object changed before it was ever
              // recorded (a template's, the server's), nobody known.
              const known = attributionSchema.safeParse(map.get(shapeId));
              const first = known.success && !c.added ? known.data : null;
              map.set(shapeId, {
                createdBy: first ? first.createdBy : c.added ? c.participantId : null,
                createdAt: first ? first.createdAt : c.added ? c.at : null,
                updatedBy: c.participantId,
                updatedAt: c.at,
              });
            }
          }),
        );
        // Checked after the write: the deletion tombstones before it removes documents, so
        // either it removes this write too, or the tombstone is seen here.
        if (await this.deleted(boardId)) await this.registry.destroyDoc(attributionDocId(boardId));
      } catch (err) {
        this.logger.warn('attribution.write_failed', { boardId, error: errorMessage(err) });
      }
    }
  }
}

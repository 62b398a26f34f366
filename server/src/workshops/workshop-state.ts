import { inputsDocId, readWorkshop, type WorkshopState, workshopDocId } from '@torg/shared';
import type * as Y from 'yjs';
import { type Coordinator, LocalCoordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import { derived } from '../sync/derived.js';
import type { DocRegistry } from '../sync/doc-registry.js';

/**
 * Reading and changing a workshop document (`w.<workshopId>`) for the workshop services:
 * every command of every service goes through `change`, so the order of commands and the
 * cluster's catch-up are decided here once.
 */
export class WorkshopDocs {
  constructor(
    private readonly registry: DocRegistry,
    readonly coordinator: Coordinator = new LocalCoordinator(),
  ) {}

  /**
   * The workshop's state, validated (loaded for the call if needed). Read once per change of
   * the document and shared, frozen, by every reader until the next change: every
   * connection's access check and every member's read route ask for it, a room of 300 at once.
   */
  async state(workshopId: string): Promise<WorkshopState> {
    return this.registry.withRoom(workshopDocId(workshopId), (room) =>
      derived(room.doc, 'workshop', readWorkshop),
    );
  }

  /**
   * Changes the workshop document after checking its current state (`fn` throws a
   * `CommandError` to refuse; the typed writers of `@torg/shared` write). Commands of a
   * workshop run one at a time; in a cluster across all servers, on the stored state (caught
   * up first) and stored before the next runs, so checks like "one host per group" hold
   * everywhere. 404 when there is no such workshop.
   */
  async change<T = void>(
    workshopId: string,
    fn: (doc: Y.Doc, state: WorkshopState) => T,
  ): Promise<T> {
    return changeExclusively(
      this.registry,
      this.coordinator,
      `workshop:${workshopId}`,
      workshopDocId(workshopId),
      (doc) => {
        const state = readWorkshop(doc);
        if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
        return fn(doc, state);
      },
    );
  }

  /** Stores every pending change now (before answering a command that made a workshop). */
  flush(): Promise<void> {
    return this.registry.flush();
  }

  /** Writes a brand-new workshop's document (no state to check, no lock needed yet). */
  async create(workshopId: string, fn: (doc: Y.Doc) => void): Promise<void> {
    await this.registry.withRoom(workshopDocId(workshopId), (room) => room.transact(fn));
  }
}

/**
 * Runs `fn` on a server-written document inside one transaction, one command at a time per
 * `lock`: in a cluster across all servers, on the stored state (caught up first) and stored
 * before the next command runs. `fn` reads, checks (throwing a `CommandError` refuses and
 * changes nothing) and writes.
 */
export async function changeExclusively<T>(
  registry: DocRegistry,
  coordinator: Coordinator,
  lock: string,
  docId: string,
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  const clustered = coordinator.clustered;
  return coordinator.exclusive(lock, () =>
    registry.withRoom(docId, async (room) => {
      if (clustered) await registry.refresh(room);
      const result = room.transact((doc) => fn(doc));
      if (clustered) await registry.flush();
      return result;
    }),
  );
}

/** Refuses a command that changes the gathering once it has ended. */
export function assertNotEnded(state: WorkshopState): void {
  if (state.meta?.ended) throw new CommandError(409, 'workshop_ended', 'the workshop has ended');
}

/**
 * Changes a gathering's server-only document (`i.<workshopId>`: the input rounds and the
 * themes) one change at a time per gathering, like `changeExclusively`.
 */
export function changeGatheringDoc<T>(
  registry: DocRegistry,
  coordinator: Coordinator,
  workshopId: string,
  fn: (doc: Y.Doc) => T,
): Promise<T> {
  return changeExclusively(
    registry,
    coordinator,
    `inputs:${workshopId}`,
    inputsDocId(workshopId),
    fn,
  );
}

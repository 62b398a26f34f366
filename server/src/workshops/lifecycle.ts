import {
  attributionDocId,
  ballotsDocId,
  boardDocId,
  CloseCode,
  commentsDocId,
  inputsDocId,
  type Locale,
  type RetentionDays,
  retentionDeadline,
  workshopDocId,
  writeMeta,
} from '@torg/shared';
import type { ClusterBus } from '../cluster/bus.js';
import { CommandError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { JoiningControl } from './joining.js';
import type { Governed, LiveAccess } from './live-access.js';
import type { WorkshopDocs } from './workshop-state.js';

/**
 * The end of a workshop's life: ending the gathering, automatic deletion after it (the
 * setting; `retention.ts` runs the job), and deleting it with everything it holds.
 */
export class LifecycleService {
  /** Called with the id of a workshop that was just deleted (e.g. to drop its exports). */
  readonly onDeleted = new Set<(workshopId: string) => void>();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
    private readonly docs: WorkshopDocs,
    private readonly joining: JoiningControl,
    private readonly access: LiveAccess,
    private readonly logger: Logger,
    private readonly bus: ClusterBus | null = null,
  ) {}

  /** Ends the gathering: boards read-only, and joining closed (the facilitator may reopen it). */
  async end(workshopId: string) {
    await this.docs.change(workshopId, (doc) => writeMeta(doc, { ended: true }));
    await this.joining.setOpen(workshopId, false);
  }

  /**
   * Sets automatic deletion `days` after the gathering (null: off). Stored on the workshop's
   * row (the retention job reads it there) and mirrored into the meta for the console.
   */
  async setRetention(workshopId: string, days: RetentionDays | null) {
    const current = await this.docs.state(workshopId);
    if (!current.meta) throw new CommandError(404, 'not_found', 'no such workshop');
    const retention =
      days === null ? null : { days, ...retentionDeadline(current.meta.date, days) };
    if (!(await this.storage.setWorkshopRetention(workshopId, retention)))
      throw new CommandError(404, 'not_found', 'no such workshop');
    await this.docs.change(workshopId, (doc) => writeMeta(doc, { retention }));
    this.logger.info('workshop.retention', { workshopId, days });
    return { retention };
  }

  /**
   * The gathering's written language (the boards' templates made from now on, and the reports);
   * also after the day, when reports are made.
   */
  async setGatheringLocale(workshopId: string, locale: Locale) {
    await this.docs.change(workshopId, (doc, state) => {
      if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
      writeMeta(doc, { locale });
    });
    return { locale };
  }

  /**
   * Deletes the workshop: its ids tombstoned (never usable again, except by restoring its
   * backup), connections closed, documents, images and rows removed.
   */
  async delete(workshopId: string) {
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    const boardIds = await this.storage.workshopBoards(workshopId);
    // First, so no id of it is ever an open board, even while the rest is being removed.
    await this.storage.access.addTombstones([workshopId, ...boardIds], Date.now());
    await this.forget(workshopId, boardIds);
    await this.storage.deleteWorkshop(workshopId);
    this.bus?.publishControl({ type: 'workshop-deleted', workshopId, boardIds });
    this.logger.info('workshop.deleted', { workshopId, boards: boardIds.length });
  }

  /**
   * Closes every connection to a deleted workshop's documents on this server and removes
   * the documents and images (called on the server that deleted it, and on every other).
   */
  async forget(workshopId: string, boardIds: readonly string[]): Promise<void> {
    this.access.closeAll(workshopId, CloseCode.deleted, 'workshop deleted');
    const wDoc = workshopDocId(workshopId);
    await this.registry
      .withRoom(wDoc, (room) => {
        for (const m of [...room.members])
          (m as Partial<Governed>).close?.(CloseCode.deleted, 'workshop deleted');
      })
      .catch(() => undefined);
    for (const id of boardIds) {
      await this.registry.destroyDoc(boardDocId(id));
      await this.registry.destroyDoc(commentsDocId(id));
      await this.registry.destroyDoc(ballotsDocId(id));
      await this.registry.destroyDoc(attributionDocId(id));
      await this.storage.deleteBoardAssets(id);
    }
    await this.registry.destroyDoc(inputsDocId(workshopId));
    await this.registry.destroyDoc(wDoc);
    for (const listener of this.onDeleted) listener(workshopId);
  }
}

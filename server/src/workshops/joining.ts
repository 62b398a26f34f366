import type { Coordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage, WorkshopRecord } from '../storage/storage.js';
import { rotation } from './access.js';

export interface JoiningDeps {
  storage: Storage;
  coordinator: Coordinator;
  logger: Logger;
  /** Mirrors the row's `joinOpen` into the workshop document's meta (the console shows it). */
  mirrorJoinOpen(workshopId: string, open: boolean): Promise<void>;
  /** Closes every live connection of the workshop's participants and observers, everywhere. */
  signOutJoined(workshopId: string): void;
}

/** The lock that orders a workshop's joins, code rotations and opening/closing of joining. */
export const accessLock = (workshopId: string) => `access:${workshopId}`;

/**
 * Who may still join a workshop, as the facilitator decides it: joining open or closed
 * (closed at the end, reopened by hand), and new codes, optionally signing out everyone who
 * joined with the old ones. The row is the truth (lookups and joins read it); the meta's
 * `joinOpen` is its mirror for the console.
 */
export class JoiningControl {
  constructor(private readonly deps: JoiningDeps) {}

  private async record(workshopId: string): Promise<WorkshopRecord> {
    const record = await this.deps.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    return record;
  }

  /** Opens or closes joining with the workshop's codes; answers the state now. */
  async setOpen(workshopId: string, open: boolean): Promise<{ joinOpen: boolean }> {
    await this.deps.coordinator.exclusive(accessLock(workshopId), async () => {
      const record = await this.record(workshopId);
      if (record.joinOpen !== open)
        await this.deps.storage.access.updateWorkshopAccess(workshopId, { joinOpen: open });
      await this.deps.mirrorJoinOpen(workshopId, open);
    });
    this.deps.logger.info('workshop.joining', { workshopId, open });
    return { joinOpen: open };
  }

  /**
   * New join and/or observer codes (the old ones stop working at once). With `signOut`, every
   * participant and observer token is dead from now on and their connections are closed;
   * facilitators stay in.
   */
  async rotate(
    workshopId: string,
    what: { join: boolean; observer: boolean; signOut: boolean },
  ): Promise<{ joinCode: string; observerCode: string }> {
    const codes = await this.deps.coordinator.exclusive(accessLock(workshopId), async () => {
      const record = await this.record(workshopId);
      for (let attempt = 0; ; attempt++) {
        const patch = rotation(record, what);
        try {
          await this.deps.storage.access.updateWorkshopAccess(workshopId, patch);
          return patch;
        } catch (err) {
          // A fresh code another workshop has (the storage refuses it): draw again.
          if (attempt >= 10) throw err;
        }
      }
    });
    if (what.signOut) this.deps.signOutJoined(workshopId);
    this.deps.logger.info('workshop.codes_rotated', {
      workshopId,
      join: what.join,
      observer: what.observer,
      signOut: what.signOut,
    });
    return { joinCode: codes.joinCode, observerCode: codes.observerCode };
  }
}

import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import type { WorkshopIndex } from '../storage/storage.js';
import type { WorkshopService } from './service.js';

/** How often the server looks for workshops to delete, unless configured. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

const DAY_MS = 24 * 3600_000;

export interface RetentionOptions {
  /** Between two runs (the first runs at start). Default one hour. */
  intervalMs?: number;
  /** The clock (ms since the epoch); tests move it. Default `Date.now`. */
  now?: () => number;
}

/**
 * Deletes the workshops whose retention time has passed (the facilitator's "delete N days
 * after the gathering"), through the same path as the console's delete: documents, images,
 * exports and rows. Runs at start and then every hour. In a cluster every server runs it; a
 * workshop another server deleted first is skipped quietly.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<number> = Promise.resolve(0);
  private closed = false;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(
    private readonly service: WorkshopService,
    private readonly index: WorkshopIndex,
    private readonly logger: Logger,
    options: RetentionOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? RETENTION_INTERVAL_MS;
  }

  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass (after any pass under way); resolves with how many workshops it deleted. */
  run(): Promise<number> {
    const next = this.current.then(() => (this.closed ? 0 : this.pass()));
    this.current = next.catch(() => 0);
    return next;
  }

  private async pass(): Promise<number> {
    const now = this.now();
    let ids: string[];
    try {
      ids = await this.index.expiredWorkshops(now);
    } catch (err) {
      this.logger.warn('retention.failed', { error: errorMessage(err) });
      return 0;
    }
    let deleted = 0;
    for (const workshopId of ids) {
      if (this.closed) break;
      const record = await this.index.getWorkshop(workshopId).catch(() => null);
      try {
        await this.service.lifecycle.delete(workshopId);
        deleted++;
        this.logger.info('retention.deleted', {
          workshopId,
          ageDays: record ? Math.floor((now - record.createdAt) / DAY_MS) : null,
        });
      } catch (err) {
        // Deleted meanwhile (by a person, or by another server's job): nothing left to do.
        if (err instanceof CommandError && err.status === 404) continue;
        this.logger.error('retention.delete_failed', { workshopId, error: errorMessage(err) });
      }
    }
    return deleted;
  }

  /** Stops the timer and waits for a pass under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.current;
  }
}

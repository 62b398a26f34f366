import os from 'node:os';

/**
 * How many image decodes run at once in this process, and how many may wait. sharp decodes
 * on libuv's thread pool (4 threads by default, shared with file system and crypto work), so
 * without a bound a burst of large uploads would take every pool thread and hold gigabytes of
 * decoded pixels at once. Uploads that find the queue full are refused (503 `busy`) instead
 * of waiting; exports and imports wait their turn (they are bounded elsewhere and must not
 * fail because someone is uploading).
 */
export class DecodeSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private started = 0;

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
  ) {}

  /** Decodes running right now. */
  get active(): number {
    return this.running;
  }

  /** Decodes started since the process began (tests check that a refusal decoded nothing). */
  get startedTotal(): number {
    return this.started;
  }

  /** Runs `task` in a slot; with `wait: false`, throws `DecodeBusy` when the queue is full. */
  async run<T>(task: () => Promise<T>, opts: { wait: boolean }): Promise<T> {
    if (this.running >= this.max) {
      if (!opts.wait && this.waiting.length >= this.maxWaiting) throw new DecodeBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.started++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), else free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export class DecodeBusy extends Error {
  constructor() {
    super('too many images are being processed right now');
  }
}

/**
 * One slot per decode, at most two, and one core left for the event loop (sync, `/healthz`):
 * on a two-core machine one image at a time. Eight more may wait (a few people dropping
 * photos at once); beyond that the answer is 503 and the client may try again.
 */
export const imageDecodes = new DecodeSlots(
  Math.max(1, Math.min(2, os.availableParallelism() - 1)),
  8,
);

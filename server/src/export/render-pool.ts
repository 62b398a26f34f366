import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import { type ExportOutcome, type Metrics, NO_METRICS } from '../metrics/metrics.js';
import type { ExportFile, Progress } from './jobs.js';
import type { FromWorker, RenderTask, SourceRequest, ToWorker } from './render-task.js';
import type { ExportSource } from './source.js';
import { NoSuchWorkshop } from './workshop-names.js';

/**
 * Export rendering on worker threads, so the event loop that serves sync and HTTP stays free
 * while a board or a whole workshop is drawn into PNG, PDF, Word or ZIP (a 500-object board's
 * PDF page is about half a second of svg-to-pdfkit; a ZIP of eight such boards 9 s of CPU).
 *
 * The main thread keeps only the cheap part: the worker asks for documents (as Yjs updates),
 * images and the workshop's record, which the main thread copies out of its export source;
 * the finished file comes back by transfer, not copied. At most `size` exports render at once;
 * up to `maxQueued` more wait their turn, and beyond that `run` refuses at once
 * (`RenderPoolBusy`: the routes answer 503) rather than letting requests pile up in memory.
 * Workers start on first use and stay for the next export; a cancelled export's worker is
 * terminated (the export stops at once and leaves nothing) and replaced when needed.
 */
export class RenderPoolBusy extends CommandError {
  constructor() {
    super(503, 'busy', 'too many exports are waiting; try again soon');
  }
}

/** The default number of export threads: all but one core (the event loop's), 1 to 4. */
export function defaultRenderThreads(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/** Queued exports beyond the running ones, by default. */
export const DEFAULT_RENDER_QUEUE = 16;

interface Pending {
  task: RenderTask;
  source: ExportSource;
  progress: Progress;
  signal: AbortSignal;
  resolve: (file: ExportFile) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
}

/** How to start a worker under tsx (npm start, vitest, the CLI) or from compiled JavaScript. */
function workerUrl(): URL {
  // A worker thread does not inherit tsx's loader: a small .mjs registers it first.
  const ts = import.meta.url.endsWith('.ts');
  return new URL(ts ? './render-worker-tsx.mjs' : './render-worker.js', import.meta.url);
}

export class RenderPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private closed = false;
  /** Exports finished on a worker thread, and the threads that did them (see `stats`). */
  private rendered = 0;
  private readonly threads = new Set<number>();

  constructor(
    private readonly opts: { size: number; maxQueued: number; logger: Logger; metrics?: Metrics },
  ) {}

  /** How many exports the workers finished and on which threads, and what they do now. */
  stats(): {
    rendered: number;
    threadIds: number[];
    workers: number;
    running: number;
    queued: number;
  } {
    return {
      rendered: this.rendered,
      threadIds: [...this.threads],
      workers: this.slots.size,
      running: [...this.slots].filter((s) => s.job).length,
      queued: this.queue.length,
    };
  }

  /**
   * Renders `task` on a worker, reading through `source`; `progress` hears the worker's steps.
   * Rejects with the signal's reason when it is aborted (the worker is stopped), with
   * `RenderPoolBusy` when too many exports wait already.
   */
  run(
    task: RenderTask,
    source: ExportSource,
    progress: Progress = () => undefined,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<ExportFile> {
    const started = performance.now();
    const format = task.kind === 'board' ? task.format : task.request.format;
    const ended = (outcome: ExportOutcome) =>
      (this.opts.metrics ?? NO_METRICS).exportEnded(
        task.kind,
        format,
        outcome,
        (performance.now() - started) / 1000,
      );
    const file = this.render(task, source, progress, signal);
    file.then(
      () => ended('done'),
      (err: unknown) =>
        ended(err instanceof RenderPoolBusy ? 'refused' : signal.aborted ? 'cancelled' : 'failed'),
    );
    return file;
  }

  private render(
    task: RenderTask,
    source: ExportSource,
    progress: Progress,
    signal: AbortSignal,
  ): Promise<ExportFile> {
    if (this.closed) return Promise.reject(new Error('the export threads are stopped'));
    if (signal.aborted) return Promise.reject(signal.reason);
    const { running, queued } = this.stats();
    if (running >= this.opts.size && queued >= this.opts.maxQueued)
      return Promise.reject(new RenderPoolBusy());
    return new Promise<ExportFile>((resolve, reject) => {
      const pending: Pending = { task, source, progress, signal, resolve, reject };
      signal.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.opts.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift() as Pending;
      slot.job = job;
      slot.worker.postMessage({ type: 'task', task: job.task } satisfies ToWorker);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(workerUrl(), { execArgv: [] });
    const slot: Slot = { worker, job: null };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    // A crash (or running out of memory) fails its export; the next export gets a new worker.
    const lost = (err: Error) => {
      if (!this.slots.delete(slot)) return;
      const job = slot.job;
      slot.job = null;
      if (job) job.reject(err);
      if (!this.closed) this.opts.logger.error('export.worker_lost', { error: errorMessage(err) });
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the export thread stopped (${code})`)));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const job = slot.job;
    if (!job) return;
    if (m.type === 'need') {
      void this.answer(slot, job, m);
      return;
    }
    if (m.type === 'progress') {
      job.progress(m.done, m.total);
      return;
    }
    slot.job = null;
    if (m.type === 'done') {
      this.rendered++;
      this.threads.add(m.threadId);
      job.resolve(m.file);
    } else
      job.reject(
        m.name === 'NoSuchWorkshop' ? new NoSuchWorkshop(m.message) : new Error(m.message),
      );
    this.dispatch();
  }

  /** Reads what the worker asked for and sends it (documents as Yjs updates, transferred). */
  private async answer(slot: Slot, job: Pending, m: SourceRequest & { rid: number }) {
    let reply: ToWorker;
    const transfer: ArrayBuffer[] = [];
    try {
      let value: unknown;
      if (m.what === 'doc') {
        const update = await job.source.docUpdate(m.id);
        if (update.byteOffset === 0 && update.byteLength === update.buffer.byteLength)
          transfer.push(update.buffer as ArrayBuffer);
        value = update;
      } else if (m.what === 'asset') value = await job.source.asset(m.id);
      else value = await job.source.workshop(m.id);
      reply = { type: 'reply', rid: m.rid, value };
    } catch (err) {
      reply = { type: 'reply', rid: m.rid, error: errorMessage(err) };
    }
    // The export may have been cancelled meanwhile (its worker is gone then).
    if (slot.job === job) slot.worker.postMessage(reply, transfer);
  }

  private abort(job: Pending): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else {
      const slot = [...this.slots].find((s) => s.job === job);
      if (!slot) return;
      // Stopped mid-drawing: nothing of it is kept. A new worker takes the next export.
      this.slots.delete(slot);
      slot.job = null;
      void slot.worker.terminate();
    }
    job.reject(job.signal.reason);
    this.dispatch();
  }

  /** Stops every worker; running and waiting exports fail. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the server stopped; start the export again');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) s.job?.reject(stopped);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { newId } from '@torg/shared';
import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import type { ExportJobStore } from '../storage/storage.js';

/** A finished export: the file's bytes, its name and type. */
export interface ExportFile {
  bytes: Uint8Array;
  filename: string;
  mime: string;
}

/** Reports how far a long export has come (`done` of `total` steps, e.g. boards). */
export type Progress = (done: number, total: number) => void;

/** Makes one export; checks `signal` between steps and stops with its reason when aborted. */
export type Producer = (progress: Progress, signal: AbortSignal) => Promise<ExportFile>;

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What a client sees of an export job. */
export interface JobInfo {
  id: string;
  workshopId: string;
  format: string;
  state: JobState;
  done: number;
  total: number;
  /** Set once done. */
  filename: string | null;
  size: number | null;
  error: string | null;
}

interface Job extends JobInfo {
  controller: AbortController;
  file: string | null;
  mime: string | null;
  expiry: NodeJS.Timeout | null;
  startedAt: number;
  /** Shared mode: the row is written (the job runs only then; rejects when it could not be). */
  recorded: Promise<void>;
}

/** What a job's row in storage holds as `info` (shared mode). */
interface StoredInfo extends JobInfo {
  mime: string | null;
  startedAt: number;
  updatedAt: number;
}

/** A finished export as served for download. */
export interface DownloadFile {
  bytes: Uint8Array<ArrayBuffer>;
  filename: string;
  mime: string;
}

/** How long a finished export stays downloadable. */
const KEEP_MS = 60 * 60_000;
/** At most this many exports run at once per server; more are refused (429). */
const MAX_RUNNING = 4;
/** Shared mode: progress is written to storage (and a cancel looked for) at most this often. */
const PROGRESS_WRITE_MS = 500;
/** Shared mode: expired jobs are swept from storage this often (by every server). */
const SWEEP_MS = 5 * 60_000;

export class TooManyExports extends CommandError {
  constructor() {
    super(429, 'busy', 'too many exports are running; try again soon');
  }
}

/** The abort reason of jobs stopped by a server shutdown (they fail rather than cancel). */
const SHUTDOWN = new Error('the server stopped; start the export again');

/**
 * Export jobs: each runs in the background, reports progress, and on success leaves one file
 * for an hour. A job that fails or is cancelled leaves nothing behind.
 *
 * On one server the file lives in `<dataDir>/exports`: it is written under a temporary name
 * and renamed only when complete, and files of earlier runs are removed at start.
 *
 * With `shared` (several servers on one database, behind a load balancer that may send each
 * request elsewhere) the job lives in storage instead: its row is written when it starts,
 * its progress at most every 500 ms, its file's bytes when done; any server answers status,
 * download and cancel from the row. A cancel on another server marks the row, and the running
 * server sees the mark at its next progress write (or its final one) and stops. Rows expire
 * an hour after their last write and are swept by whichever server comes first.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly dir: string;
  private readonly sweeper: NodeJS.Timeout | null = null;
  /** Where jobs live in shared mode; null on one server (files on disk). */
  private readonly store: ExportJobStore | null;

  /**
   * `storage` and `shared`: servers share the storage (several behind a load balancer), so
   * jobs and their files are kept there. Without `shared` the storage is not used.
   */
  constructor(
    dataDir: string,
    private readonly logger: Logger,
    storage: ExportJobStore | null = null,
    shared = false,
  ) {
    this.store = shared ? storage : null;
    this.dir = path.join(dataDir, 'exports');
    fs.rmSync(this.dir, { recursive: true, force: true });
    if (!this.store) fs.mkdirSync(this.dir, { recursive: true });
    else {
      this.sweep(this.store);
      const store = this.store;
      this.sweeper = setInterval(() => this.sweep(store), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  private sweep(store: ExportJobStore): void {
    store.deleteExpiredExportJobs(Date.now()).then(
      (n) => {
        if (n > 0) this.logger.info('export.swept', { jobs: n });
      },
      (err) => this.logger.warn('export.sweep_failed', { error: errorMessage(err) }),
    );
  }

  /**
   * Starts a job and resolves once any server can find it (in shared mode, once its row is
   * written); rejects when it could not be recorded.
   */
  async begin(workshopId: string, format: string, produce: Producer): Promise<JobInfo> {
    const started = this.start(workshopId, format, produce);
    await this.jobs.get(started.id)?.recorded;
    return started;
  }

  /** Starts a job; in shared mode it may not be visible to other servers yet (see `begin`). */
  start(workshopId: string, format: string, produce: Producer): JobInfo {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= MAX_RUNNING) throw new TooManyExports();
    const job: Job = {
      id: newId(16),
      workshopId,
      format,
      state: 'running',
      done: 0,
      total: 1,
      filename: null,
      size: null,
      error: null,
      controller: new AbortController(),
      file: null,
      mime: null,
      expiry: null,
      startedAt: Date.now(),
      recorded: Promise.resolve(),
    };
    if (this.store) {
      job.recorded = this.store.putExportJob({
        id: job.id,
        workshopId,
        info: stored(job),
        expiresAt: job.startedAt + KEEP_MS,
      });
      // `begin` reports a failure to record; `run` must not see it as unhandled meanwhile.
      job.recorded.catch(() => {});
    }
    this.jobs.set(job.id, job);
    void (this.store ? this.runShared(job, this.store, produce) : this.run(job, produce));
    return info(job);
  }

  /** The state of a job as stored, for a write (shared mode). */
  private row(job: Job, file?: Uint8Array | null, unlessCancelRequested = true) {
    const now = Date.now();
    return {
      id: job.id,
      workshopId: job.workshopId,
      info: stored(job, now),
      expiresAt: now + KEEP_MS,
      file,
      unlessCancelRequested,
    };
  }

  private async runShared(job: Job, storage: ExportJobStore, produce: Producer): Promise<void> {
    const signal = job.controller.signal;
    const cancel = () => job.controller.abort(new Error('cancelled'));
    let lastWrite = Date.now();
    // At most one progress write at a time; the final write waits for it, so a late progress
    // write can never overwrite the final state.
    let writing: Promise<void> | null = null;
    try {
      await job.recorded;
      const result = await produce((done, total) => {
        job.done = done;
        job.total = Math.max(1, total);
        const now = Date.now();
        if (writing || now - lastWrite < PROGRESS_WRITE_MS || signal.aborted) return;
        lastWrite = now;
        // False: cancelled on another server, or the job is gone (its workshop was deleted).
        writing = storage.updateExportJob(this.row(job)).then(
          (kept) => {
            writing = null;
            if (!kept) cancel();
          },
          (err) => {
            writing = null;
            this.logger.warn('export.progress_write_failed', { error: errorMessage(err) });
          },
        );
      }, signal);
      await writing;
      signal.throwIfAborted();
      const finished: Job = {
        ...job,
        state: 'done',
        done: job.total,
        mime: result.mime,
        filename: result.filename,
        size: result.bytes.byteLength,
      };
      // The check for a cancel and the file go in one write: either the file is stored or the
      // job ends cancelled, never both. Until it is stored, the job is still running here too.
      if (!(await storage.updateExportJob(this.row(finished, result.bytes)))) {
        cancel();
        signal.throwIfAborted();
      }
      Object.assign(job, finished);
      this.logger.info('export.done', {
        workshopId: job.workshopId,
        format: job.format,
        bytes: result.bytes.byteLength,
        ms: Date.now() - job.startedAt,
      });
    } catch (err) {
      await writing;
      this.ended(job, err);
      // A job whose row is gone stays gone (the update changes nothing then).
      await storage
        .updateExportJob(this.row(job, null, false))
        .catch((e) => this.logger.warn('export.state_write_failed', { error: errorMessage(e) }));
    }
    // From now on the row is the job: every server, this one too, answers from it.
    this.jobs.delete(job.id);
  }

  /** Sets the state of a job that did not finish: cancelled, or failed with its error. */
  private ended(job: Job, err: unknown): void {
    const signal = job.controller.signal;
    if (signal.aborted && signal.reason !== SHUTDOWN) {
      job.state = 'cancelled';
      return;
    }
    job.state = 'failed';
    job.error = signal.aborted ? SHUTDOWN.message : errorMessage(err);
    this.logger.error('export.failed', {
      workshopId: job.workshopId,
      format: job.format,
      error: job.error,
    });
  }

  private async run(job: Job, produce: Producer): Promise<void> {
    const started = Date.now();
    const part = path.join(this.dir, `${job.id}.part`);
    try {
      const result = await produce((done, total) => {
        job.done = done;
        job.total = Math.max(1, total);
      }, job.controller.signal);
      job.controller.signal.throwIfAborted();
      await fs.promises.writeFile(part, result.bytes);
      job.controller.signal.throwIfAborted();
      const file = path.join(this.dir, job.id);
      await fs.promises.rename(part, file);
      Object.assign(job, {
        state: 'done',
        done: job.total,
        file,
        mime: result.mime,
        filename: result.filename,
        size: result.bytes.byteLength,
      });
      this.logger.info('export.done', {
        workshopId: job.workshopId,
        format: job.format,
        bytes: result.bytes.byteLength,
        ms: Date.now() - started,
      });
    } catch (err) {
      await fs.promises.rm(part, { force: true });
      this.ended(job, err);
    }
    job.expiry = setTimeout(() => this.forget(job.id), KEEP_MS);
    job.expiry.unref();
  }

  /** A job this server holds in memory (shared mode: only while it runs here). */
  get(workshopId: string, jobId: string): JobInfo | null {
    const job = this.jobs.get(jobId);
    return job && job.workshopId === workshopId ? info(job) : null;
  }

  /** A job wherever it ran: this server's memory, else (shared mode) storage. */
  async find(workshopId: string, jobId: string): Promise<JobInfo | null> {
    const here = this.get(workshopId, jobId);
    if (here || !this.store) return here;
    const row = await this.store.getExportJob(workshopId, jobId);
    if (!row || row.expiresAt <= Date.now()) return null;
    return info(JSON.parse(row.info) as StoredInfo);
  }

  /** The finished file on this server's disk, or null when the job is unknown or not done. */
  file(workshopId: string, jobId: string): { path: string; filename: string; mime: string } | null {
    const job = this.jobs.get(jobId);
    if (!job || job.workshopId !== workshopId || job.state !== 'done' || !job.file) return null;
    return { path: job.file, filename: job.filename ?? 'export', mime: job.mime ?? '' };
  }

  /** The finished file's bytes wherever they are, or null when the job is unknown or not done. */
  async download(workshopId: string, jobId: string): Promise<DownloadFile | null> {
    const store = this.store;
    if (!store) {
      const local = this.file(workshopId, jobId);
      if (!local) return null;
      const bytes = new Uint8Array(await fs.promises.readFile(local.path));
      return { bytes, filename: local.filename, mime: local.mime };
    }
    const row = await store.getExportJob(workshopId, jobId);
    if (!row || row.expiresAt <= Date.now() || row.fileSize === null) return null;
    const stored = JSON.parse(row.info) as StoredInfo;
    if (stored.state !== 'done') return null;
    const bytes = await store.getExportFile(workshopId, jobId);
    if (!bytes) return null;
    return { bytes, filename: stored.filename ?? 'export', mime: stored.mime ?? '' };
  }

  /**
   * Cancels a running job (nothing is left behind) or drops a finished one and its file. In
   * shared mode a job running on another server is marked in storage; that server stops it.
   */
  async cancel(workshopId: string, jobId: string): Promise<JobInfo | null> {
    const job = this.jobs.get(jobId);
    const store = this.store;
    if (job && job.workshopId === workshopId) {
      if (job.state !== 'running') this.forget(jobId);
      else {
        job.controller.abort(new Error('cancelled'));
        // Its file may be on the way to storage already: the mark makes that write fail.
        if (store) await this.cancelStored(store, workshopId, jobId);
      }
      return info(job);
    }
    if (!store) return null;
    const row = await store.getExportJob(workshopId, jobId);
    if (!row || row.expiresAt <= Date.now()) return null;
    const stored = info(JSON.parse(row.info) as StoredInfo);
    if (stored.state === 'running') await this.cancelStored(store, workshopId, jobId);
    else await store.deleteExportJob(workshopId, jobId);
    return stored;
  }

  /**
   * Marks a running job's row for cancelling. When the job finished between the read and the
   * mark, its file is dropped and it ends cancelled all the same.
   */
  private async cancelStored(store: ExportJobStore, workshopId: string, jobId: string) {
    if (!(await store.requestExportCancel(workshopId, jobId))) return;
    const row = await store.getExportJob(workshopId, jobId);
    if (!row) return;
    const now = JSON.parse(row.info) as StoredInfo;
    if (now.state !== 'done') return;
    const cancelled: StoredInfo = { ...now, state: 'cancelled', filename: null, size: null };
    await store.updateExportJob({
      id: jobId,
      workshopId,
      info: JSON.stringify(cancelled),
      expiresAt: row.expiresAt,
      file: null,
      unlessCancelRequested: false,
    });
  }

  /** Cancels every job of a workshop (it is being deleted). */
  cancelAll(workshopId: string): void {
    for (const job of [...this.jobs.values()])
      if (job.workshopId === workshopId) void this.cancel(workshopId, job.id);
    // Jobs running on other servers find their rows gone at their next write and stop.
    this.store
      ?.deleteWorkshopExportJobs(workshopId)
      .catch((err) => this.logger.warn('export.delete_failed', { error: errorMessage(err) }));
  }

  private forget(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    if (job.expiry) clearTimeout(job.expiry);
    this.jobs.delete(jobId);
    if (job.file) fs.rmSync(job.file, { force: true });
  }

  /**
   * Stops every job and removes every file (server shutdown). In shared mode finished jobs
   * stay in storage for the other servers; running ones are marked failed (best effort: the
   * storage may close first, and then their rows expire).
   */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const job of this.jobs.values()) job.controller.abort(SHUTDOWN);
    if (!this.store) for (const id of [...this.jobs.keys()]) this.forget(id);
  }
}

function info(job: JobInfo): JobInfo {
  const { id, workshopId, format, state, done, total, filename, size, error } = job;
  return { id, workshopId, format, state, done, total, filename, size, error };
}

function stored(job: Job, now = Date.now()): string {
  const row: StoredInfo = {
    ...info(job),
    mime: job.mime,
    startedAt: job.startedAt,
    updatedAt: now,
  };
  return JSON.stringify(row);
}

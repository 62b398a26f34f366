import fs from 'node:fs';
import path from 'node:path';
import { newId } from '@torg/shared';
import { errorMessage, type Logger } from '../logger.js';
import type { ExportJobStore } from '../storage/storage.js';
import {
  type DownloadFile,
  info,
  type Job,
  type JobInfo,
  KEEP_MS,
  MAX_RUNNING,
  type Producer,
  SHUTDOWN,
  type StoredInfo,
  SWEEP_MS,
  stored,
  TooManyExports,
} from './jobs-model.js';
import { runOnDisk } from './jobs-on-disk.js';
import { cancelStored, runShared, sweepExpired } from './jobs-shared.js';

export type {
  DownloadFile,
  ExportFile,
  JobInfo,
  JobState,
  Producer,
  Progress,
} from './jobs-model.js';
export { TooManyExports } from './jobs-model.js';

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
      const store = this.store;
      sweepExpired(store, logger);
      this.sweeper = setInterval(() => sweepExpired(store, logger), SWEEP_MS);
      this.sweeper.unref();
    }
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
    void (this.store ? this.runShared(job, this.store, produce) : this.runOnDisk(job, produce));
    return info(job);
  }

  private async runShared(job: Job, store: ExportJobStore, produce: Producer): Promise<void> {
    await runShared(job, store, produce, this.logger);
    // From now on the row is the job: every server, this one too, answers from it.
    this.jobs.delete(job.id);
  }

  private async runOnDisk(job: Job, produce: Producer): Promise<void> {
    await runOnDisk(job, this.dir, produce, this.logger);
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
        if (store) await cancelStored(store, workshopId, jobId);
      }
      return info(job);
    }
    if (!store) return null;
    const row = await store.getExportJob(workshopId, jobId);
    if (!row || row.expiresAt <= Date.now()) return null;
    const stored = info(JSON.parse(row.info) as StoredInfo);
    if (stored.state === 'running') await cancelStored(store, workshopId, jobId);
    else await store.deleteExportJob(workshopId, jobId);
    return stored;
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

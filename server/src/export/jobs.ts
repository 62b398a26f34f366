import fs from 'node:fs';
import path from 'node:path';
import { newId } from '@torg/shared';
import { errorMessage, type Logger } from '../logger.js';

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
}

/** How long a finished export stays downloadable. */
const KEEP_MS = 60 * 60_000;
/** At most this many exports run at once per server; more are refused (429). */
const MAX_RUNNING = 4;

export class TooManyExports extends Error {}

/**
 * Export jobs: each runs in the background, reports progress, and on success leaves one file
 * in `<dataDir>/exports` for an hour. A job that fails or is cancelled leaves nothing behind:
 * the file is written under a temporary name and renamed only when complete. Files of
 * earlier runs of the server are removed at start.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.dir = path.join(dataDir, 'exports');
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  start(workshopId: string, format: string, produce: Producer): JobInfo {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= MAX_RUNNING) throw new TooManyExports('too many exports are running');
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
    };
    this.jobs.set(job.id, job);
    void this.run(job, produce);
    return info(job);
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
      if (job.controller.signal.aborted) {
        job.state = 'cancelled';
      } else {
        job.state = 'failed';
        job.error = errorMessage(err);
        this.logger.error('export.failed', {
          workshopId: job.workshopId,
          format: job.format,
          error: job.error,
        });
      }
    }
    job.expiry = setTimeout(() => this.forget(job.id), KEEP_MS);
    job.expiry.unref();
  }

  get(workshopId: string, jobId: string): JobInfo | null {
    const job = this.jobs.get(jobId);
    return job && job.workshopId === workshopId ? info(job) : null;
  }

  /** The finished file, or null when the job is unknown or not done. */
  file(workshopId: string, jobId: string): { path: string; filename: string; mime: string } | null {
    const job = this.jobs.get(jobId);
    if (!job || job.workshopId !== workshopId || job.state !== 'done' || !job.file) return null;
    return { path: job.file, filename: job.filename ?? 'export', mime: job.mime ?? '' };
  }

  /** Cancels a running job (nothing is left behind) or drops a finished one and its file. */
  cancel(workshopId: string, jobId: string): JobInfo | null {
    const job = this.jobs.get(jobId);
    if (!job || job.workshopId !== workshopId) return null;
    if (job.state === 'running') job.controller.abort(new Error('cancelled'));
    else this.forget(jobId);
    return info(job);
  }

  /** Cancels every job of a workshop (it is being deleted). */
  cancelAll(workshopId: string): void {
    for (const job of [...this.jobs.values()])
      if (job.workshopId === workshopId) this.cancel(workshopId, job.id);
  }

  private forget(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    if (job.expiry) clearTimeout(job.expiry);
    this.jobs.delete(jobId);
    if (job.file) fs.rmSync(job.file, { force: true });
  }

  /** Stops every job and removes every file (server shutdown). */
  close(): void {
    for (const job of this.jobs.values()) job.controller.abort(new Error('shutting down'));
    for (const id of [...this.jobs.keys()]) this.forget(id);
  }
}

function info(job: Job): JobInfo {
  const { id, workshopId, format, state, done, total, filename, size, error } = job;
  return { id, workshopId, format, state, done, total, filename, size, error };
}

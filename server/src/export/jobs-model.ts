import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';

// What an export job is, for the job list (jobs.ts) and both ways of running one: on this
// server's disk (jobs-on-disk.ts) or in storage shared by several servers (jobs-shared.ts).

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

/** A job as this server holds it while it runs (and, on one server, until it expires). */
export interface Job extends JobInfo {
  controller: AbortController;
  file: string | null;
  mime: string | null;
  expiry: NodeJS.Timeout | null;
  startedAt: number;
  /** Shared mode: the row is written (the job runs only then; rejects when it could not be). */
  recorded: Promise<void>;
}

/** What a job's row in storage holds as `info` (shared mode). */
export interface StoredInfo extends JobInfo {
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
export const KEEP_MS = 60 * 60_000;
/** At most this many exports run at once per server; more are refused (429). */
export const MAX_RUNNING = 4;
/** Shared mode: progress is written to storage (and a cancel looked for) at most this often. */
export const PROGRESS_WRITE_MS = 500;
/** Shared mode: expired jobs are swept from storage this often (by every server). */
export const SWEEP_MS = 5 * 60_000;

export class TooManyExports extends CommandError {
  constructor() {
    super(429, 'busy', 'too many exports are running; try again soon');
  }
}

/** The abort reason of jobs stopped by a server shutdown (they fail rather than cancel). */
export const SHUTDOWN = new Error('the server stopped; start the export again');

/** Sets the state of a job that did not finish: cancelled, or failed with its error. */
export function endJob(job: Job, err: unknown, logger: Logger): void {
  const signal = job.controller.signal;
  if (signal.aborted && signal.reason !== SHUTDOWN) {
    job.state = 'cancelled';
    return;
  }
  job.state = 'failed';
  job.error = signal.aborted ? SHUTDOWN.message : errorMessage(err);
  logger.error('export.failed', {
    workshopId: job.workshopId,
    format: job.format,
    error: job.error,
  });
}

/** What a client sees of a job (its in-memory or stored form). */
export function info(job: JobInfo): JobInfo {
  const { id, workshopId, format, state, done, total, filename, size, error } = job;
  return { id, workshopId, format, state, done, total, filename, size, error };
}

/** A job as its storage row's `info` (shared mode). */
export function stored(job: Job, now = Date.now()): string {
  const row: StoredInfo = {
    ...info(job),
    mime: job.mime,
    startedAt: job.startedAt,
    updatedAt: now,
  };
  return JSON.stringify(row);
}

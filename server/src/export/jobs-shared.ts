import { errorMessage, type Logger } from '../logger.js';
import type { ExportJobStore } from '../storage/storage.js';
import {
  endJob,
  type Job,
  KEEP_MS,
  PROGRESS_WRITE_MS,
  type Producer,
  type StoredInfo,
  stored,
} from './jobs-model.js';

// Jobs of several servers behind a load balancer live in storage: the row is written when a
// job starts, its progress at most every 500 ms, its file's bytes when done. A cancel on
// another server marks the row; the running server sees the mark at its next write and stops.

/** Removes the rows of expired jobs (every server does it now and then). */
export function sweepExpired(store: ExportJobStore, logger: Logger): void {
  store.deleteExpiredExportJobs(Date.now()).then(
    (n) => {
      if (n > 0) logger.info('export.swept', { jobs: n });
    },
    (err) => logger.warn('export.sweep_failed', { error: errorMessage(err) }),
  );
}

/** The state of a job as stored, for a write. */
function row(job: Job, file?: Uint8Array | null, unlessCancelRequested = true) {
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

/** Runs a job whose row is (being) written to `storage`, and writes its end there. */
export async function runShared(
  job: Job,
  storage: ExportJobStore,
  produce: Producer,
  logger: Logger,
): Promise<void> {
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
      writing = storage.updateExportJob(row(job)).then(
        (kept) => {
          writing = null;
          if (!kept) cancel();
        },
        (err) => {
          writing = null;
          logger.warn('export.progress_write_failed', { error: errorMessage(err) });
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
    if (!(await storage.updateExportJob(row(finished, result.bytes)))) {
      cancel();
      signal.throwIfAborted();
    }
    Object.assign(job, finished);
    logger.info('export.done', {
      workshopId: job.workshopId,
      format: job.format,
      bytes: result.bytes.byteLength,
      ms: Date.now() - job.startedAt,
    });
  } catch (err) {
    await writing;
    endJob(job, err, logger);
    // A job whose row is gone stays gone (the update changes nothing then).
    await storage
      .updateExportJob(row(job, null, false))
      .catch((e) => logger.warn('export.state_write_failed', { error: errorMessage(e) }));
  }
}

/**
 * Marks a running job's row for cancelling. When the job finished between the read and the
 * mark, its file is dropped and it ends cancelled all the same.
 */
export async function cancelStored(
  store: ExportJobStore,
  workshopId: string,
  jobId: string,
): Promise<void> {
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

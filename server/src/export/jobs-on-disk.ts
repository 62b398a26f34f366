import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { endJob, type Job, type Producer } from './jobs-model.js';

/**
 * Runs a job on one server: the file is written under a temporary name in `dir` and renamed
 * only when complete, so a failed or cancelled job leaves nothing behind.
 */
export async function runOnDisk(
  job: Job,
  dir: string,
  produce: Producer,
  logger: Logger,
): Promise<void> {
  const started = Date.now();
  const part = path.join(dir, `${job.id}.part`);
  try {
    const result = await produce((done, total) => {
      job.done = done;
      job.total = Math.max(1, total);
    }, job.controller.signal);
    job.controller.signal.throwIfAborted();
    await fs.promises.writeFile(part, result.bytes);
    job.controller.signal.throwIfAborted();
    const file = path.join(dir, job.id);
    await fs.promises.rename(part, file);
    Object.assign(job, {
      state: 'done',
      done: job.total,
      file,
      mime: result.mime,
      filename: result.filename,
      size: result.bytes.byteLength,
    });
    logger.info('export.done', {
      workshopId: job.workshopId,
      format: job.format,
      bytes: result.bytes.byteLength,
      ms: Date.now() - started,
    });
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    endJob(job, err, logger);
  }
}

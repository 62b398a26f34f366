import { DEFAULT_LOCALE, workshopExportBody } from '@torg/shared';
import { type Context, Hono } from 'hono';
import { CommandError } from '../errors.js';
import type { ExportJobs } from '../export/jobs.js';
import type { RenderPool } from '../export/render-pool.js';
import type { ExportSource } from '../export/source.js';
import type { WorkshopService } from '../workshops/service.js';
import { attachment } from './download.js';
import { type AuthEnv, authenticate, body, requireRole } from './middleware.js';

/**
 * Whole-workshop exports as background jobs (facilitators): start one, follow its progress,
 * download the file, or cancel it (see docs/workshops-api.md).
 */
export function exportRoutes(
  service: WorkshopService,
  jobs: ExportJobs,
  source: ExportSource,
  renderPool: RenderPool,
): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const wid = (c: Context<AuthEnv>) => c.get('identity').workshopId;
  // Whichever server ran the job (with shared storage, a request may land on any of them).
  const jobOf = async (c: Context<AuthEnv>) => {
    const job = await jobs.find(wid(c), c.req.param('jobId') ?? '');
    if (!job) throw new CommandError(404, 'not_found', 'no such export');
    return job;
  };

  api.post('/workshops/:workshopId/exports', ...facilitator, async (c) => {
    const asked = await body(c, workshopExportBody);
    const workshopId = wid(c);
    // Without a language asked for, the report speaks the gathering's report language.
    const meta = (await service.docs.state(workshopId)).meta;
    const request = { ...asked, locale: asked.locale ?? meta?.locale ?? DEFAULT_LOCALE };
    // Rendered on a worker thread; this thread only hands it the documents it asks for.
    const job = await jobs.begin(workshopId, request.format, (progress, signal) =>
      renderPool.run({ kind: 'workshop', workshopId, request }, source, progress, signal),
    );
    return c.json({ job }, 202);
  });

  api.get('/workshops/:workshopId/exports/:jobId', ...facilitator, async (c) =>
    c.json({ job: await jobOf(c) }),
  );

  api.get('/workshops/:workshopId/exports/:jobId/download', ...facilitator, async (c) => {
    const job = await jobOf(c);
    const file = await jobs.download(wid(c), job.id);
    if (!file) throw new CommandError(409, 'not_ready', `the export is ${job.state}`);
    return c.body(file.bytes, 200, {
      'Content-Type': file.mime,
      'Content-Disposition': attachment(file.filename),
    });
  });

  api.delete('/workshops/:workshopId/exports/:jobId', ...facilitator, async (c) => {
    const job = await jobs.cancel(wid(c), (await jobOf(c)).id);
    if (!job) throw new CommandError(404, 'not_found', 'no such export');
    return c.json({ job });
  });

  return api;
}

/**
 * Export jobs with two server processes on one PostgreSQL database and one Redis, as behind a
 * load balancer that sends each request of a browser to any server: a job started on one is
 * followed, downloaded and cancelled through the other. Everything real.
 */
import type { ChildProcess } from 'node:child_process';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../src/export/jobs.js';
import { silentLogger } from '../src/logger.js';
import { PostgresStorage } from '../src/storage/postgres-storage.js';
import { startRedis, type TestRedis } from './cluster-support.js';
import { apiCaller, createWorkshop, spawnServer, tempDataDir, waitFor } from './helpers.js';
import { freshDatabase, startPostgres, type TestPostgres } from './postgres.js';

interface Job {
  id: string;
  state: string;
  done: number;
  total: number;
  filename: string | null;
  size: number | null;
}

const TITLE = 'Eksport på tvers av tjenere';

let pg: TestPostgres;
let redis: TestRedis;
const children: ChildProcess[] = [];
let baseA = '';
let baseB = '';
const apiA = apiCaller(() => baseA);
const apiB = apiCaller(() => baseB);
let workshopId = '';
let token = '';

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    TORG_DATABASE_URL: await freshDatabase(pg.url),
    TORG_REDIS_URL: redis.url,
    TORG_SECRET: 'cluster-exports',
  };
  // One after the other: the first applies the migrations.
  const a = await spawnServer(tempDataDir(), env);
  children.push(a.child);
  const b = await spawnServer(tempDataDir(), env);
  children.push(b.child);
  baseA = `http://127.0.0.1:${a.port}`;
  baseB = `http://127.0.0.1:${b.port}`;
  // Twelve groups, so twelve boards: the ZIP (a report, a picture per board…) takes a while.
  const groups = Array.from({ length: 12 }, (_, i) => `Gruppe ${i + 1}`);
  const w = await createWorkshop(apiA, { title: TITLE, groups });
  workshopId = w.workshopId;
  token = w.facilitator;
}, 90_000);

afterAll(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
  await redis?.stop();
  await pg?.stop();
});

const jobsUrl = () => `/workshops/${workshopId}/exports`;

async function start(format: string): Promise<Job> {
  const res = await apiA('POST', jobsUrl(), token, { format });
  expect(res.status).toBe(202);
  return res.body.job as Job;
}

async function status(api: typeof apiA, id: string): Promise<{ status: number; job: Job }> {
  const res = await api('GET', `${jobsUrl()}/${id}`, token);
  return { status: res.status, job: res.body.job as Job };
}

/** Polls through `api` until the job is in `state` (and fails at once if it ends otherwise). */
async function until(api: typeof apiA, id: string, state: string): Promise<Job> {
  let last: Job | null = null;
  await waitFor(
    async () => {
      const res = await status(api, id);
      expect(res.status).toBe(200);
      last = res.job;
      if (last.state !== 'running' && last.state !== state)
        throw new Error(`the export ended ${last.state}, not ${state}`);
      return last.state === state;
    },
    `the export is ${state}`,
    30_000,
  );
  return last as unknown as Job;
}

function download(base: string, id: string): Promise<Response> {
  return fetch(`${base}/api${jobsUrl()}/${id}/download`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

describe('export jobs across servers', () => {
  it('a Markdown export started on A is followed and downloaded through B', async () => {
    const job = await start('md');
    // Visible on the other server at once: the job is recorded before the answer.
    expect((await status(apiB, job.id)).status).toBe(200);
    const done = await until(apiB, job.id, 'done');
    expect(done.filename).toBe(`${TITLE}.md`);
    expect((await status(apiA, job.id)).job).toEqual(done);

    const res = await download(baseB, job.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${TITLE}.md`)}`,
    );
    const text = await res.text();
    expect(text).toContain(`# ${TITLE}`);
    expect(Buffer.byteLength(text)).toBe(done.size);
    // A serves the same bytes.
    expect(await (await download(baseA, job.id)).text()).toBe(text);

    // Dropping the finished job through B removes it everywhere.
    const dropped = await apiB('DELETE', `${jobsUrl()}/${job.id}`, token);
    expect([dropped.status, (dropped.body.job as Job).state]).toEqual([200, 'done']);
    expect((await status(apiA, job.id)).status).toBe(404);
    expect((await download(baseB, job.id)).status).toBe(404);
  });

  it('a ZIP export started on A is downloaded through B as the real bundle', async () => {
    const job = await start('zip');
    const done = await until(apiB, job.id, 'done');
    expect(done.done).toBe(done.total);
    const res = await download(baseB, job.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength).toBe(done.size);
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    for (const ext of ['pdf', 'docx', 'csv', 'md', 'torg.json'])
      expect(names).toContain(`${TITLE}.${ext}`);
    expect(await zip.file(`${TITLE}.md`)?.async('string')).toContain(`# ${TITLE}`);
  });

  it('a long export running on A is cancelled through B, and leaves nothing to download', async () => {
    const job = await start('zip');
    const cancel = await apiB('DELETE', `${jobsUrl()}/${job.id}`, token);
    expect(cancel.status).toBe(200);
    expect((cancel.body.job as Job).state).toBe('running');
    // A, which runs it, sees the request and stops; both servers then say so.
    await until(apiA, job.id, 'cancelled');
    expect((await status(apiB, job.id)).job.state).toBe('cancelled');
    const res = await download(baseB, job.id);
    expect(res.status).toBe(409);
    expect((await download(baseA, job.id)).status).toBe(409);
  });

  it('a job cancelled on the server running it reads as cancelled on the other', async () => {
    const job = await start('zip');
    expect((await apiA('DELETE', `${jobsUrl()}/${job.id}`, token)).status).toBe(200);
    await until(apiB, job.id, 'cancelled');
  });

  it('an unknown job is 404 on both servers', async () => {
    for (const [api, base] of [
      [apiA, baseA],
      [apiB, baseB],
    ] as const) {
      expect((await status(api, 'nosuchjob123')).status).toBe(404);
      expect((await api('DELETE', `${jobsUrl()}/nosuchjob123`, token)).status).toBe(404);
      expect((await download(base, 'nosuchjob123')).status).toBe(404);
    }
  });
});

describe('export jobs in shared mode, two servers in this process', () => {
  it('a job still running on one stops at its next progress write when the other cancels it', async () => {
    const url = await freshDatabase(pg.url);
    const [storeA, storeB] = [await PostgresStorage.open(url), await PostgresStorage.open(url)];
    const a = new ExportJobs(tempDataDir(), silentLogger, storeA, true);
    const b = new ExportJobs(tempDataDir(), silentLogger, storeB, true);
    try {
      // Work that never ends by itself: a step every 20 ms, reporting progress, until stopped.
      let steps = 0;
      const job = await a.begin('wksp1', 'zip', (progress, signal) => {
        return new Promise((_, reject) => {
          const tick = setInterval(() => progress(++steps, 1000), 20);
          signal.addEventListener('abort', () => {
            clearInterval(tick);
            reject(signal.reason);
          });
        });
      });
      // B sees the progress A writes (at most every 500 ms).
      await waitFor(async () => ((await b.find('wksp1', job.id))?.done ?? 0) > 0, 'progress');
      expect(await b.find('other', job.id)).toBeNull();
      expect((await b.cancel('wksp1', job.id))?.state).toBe('running');
      await waitFor(
        async () => (await b.find('wksp1', job.id))?.state === 'cancelled',
        'cancelled',
      );
      expect(await a.find('wksp1', job.id)).toMatchObject({ state: 'cancelled' });
      expect(await b.download('wksp1', job.id)).toBeNull();

      // Workshop deletion on B stops a job running on A too (its row is gone).
      const other = await a.begin('wksp2', 'pdf', (progress, signal) => {
        return new Promise((_, reject) => {
          const tick = setInterval(() => progress(1, 2), 20);
          signal.addEventListener('abort', () => {
            clearInterval(tick);
            reject(signal.reason);
          });
        });
      });
      b.cancelAll('wksp2');
      await waitFor(() => a.get('wksp2', other.id) === null, 'the job stopped on A');
      expect(await a.find('wksp2', other.id)).toBeNull();
    } finally {
      a.close();
      b.close();
      await storeA.close();
      await storeB.close();
    }
  });
});

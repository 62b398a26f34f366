import fs from 'node:fs';
import path from 'node:path';
import {
  boardDocId,
  ORIGIN_SERVER,
  type Shape,
  STICKY_COLORS,
  shapesMap,
  stickyDefaults,
  writeShapes,
  zAbove,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RenderPool, RenderPoolBusy } from '../src/export/render-pool.js';
import type { ExportSource } from '../src/export/source.js';
import { silentLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';

/** Enough boards and notes that the PDF's board pages take a while to draw. */
const BOARDS = 4;
const NOTES = 300;

let server: RunningServer & { dataDir: string };
let base: string;
const api = apiCaller(() => base);
const clients: TestClient[] = [];
let workshopId: string;
let facilitator: string;
let boardIds: string[];

function notes(b: number): Shape[] {
  let z: string | null = null;
  return Array.from({ length: NOTES }, (_, i) => {
    z = zAbove(z === null ? [] : [z]);
    return {
      ...stickyDefaults(),
      id: `n${b}x${i}`,
      z,
      x: (i % 20) * 260,
      y: Math.floor(i / 20) * 260,
      color: STICKY_COLORS[i % STICKY_COLORS.length] ?? 'yellow',
      text: `${i + 1}. trygghet og mestring i hjemmetjenesten, tavle ${b + 1}`,
    } as Shape;
  });
}

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
  const ws = await createWorkshop(api, {
    title: 'Stor samling',
    groups: Array.from({ length: BOARDS }, (_, i) => `Gruppe ${i + 1}`),
  });
  workshopId = ws.workshopId;
  facilitator = ws.facilitator;
  const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
    name: 'Runde 1',
  });
  boardIds = phase.body.boardIds as string[];
  for (const [b, id] of boardIds.entries()) {
    const room = await server.registry.acquire(boardDocId(id));
    writeShapes(room.doc, notes(b), ORIGIN_SERVER);
    server.registry.release(room);
  }
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

type Job = { id: string; state: string; done: number; total: number };
const jobOf = async (id: string) =>
  (await api('GET', `/workshops/${workshopId}/exports/${id}`, facilitator)).body.job as Job;

describe('exports render on worker threads', () => {
  it('sync and /healthz answer while the PDF report is being drawn, and the file is whole', async () => {
    const a = connectClient(server, boardIds[0] as string, undefined, { token: facilitator });
    const b = connectClient(server, boardIds[0] as string, undefined, { token: facilitator });
    clients.push(a, b);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    const before = server.renderPool.stats().rendered;

    const started = await api('POST', `/workshops/${workshopId}/exports`, facilitator, {
      format: 'pdf',
    });
    expect(started.status).toBe(202);
    const id = (started.body.job as Job).id;
    // Progress counts the boards' drawings (BOARDS steps), then the report's pages. A status
    // answer from the middle of the pages can only come while they are being drawn: on the
    // event loop that answers it, all pages are drawn in one go and nobody sees this state.
    await waitFor(
      async () => {
        const job = await jobOf(id);
        expect(job.state).toBe('running');
        return job.done > BOARDS + 1 && job.done < job.total - 1;
      },
      'the report pages are being drawn',
      60_000,
    );
    // Meanwhile: /healthz answers, and an edit goes from one client through the server to
    // the other.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const note = new Y.Map<unknown>(
      Object.entries({ ...stickyDefaults(), id: 'probe1', x: -300, y: -300, z: 'Zz', text: 'hei' }),
    );
    shapesMap(a.doc).set('probe1', note);
    await waitFor(() => shapesMap(b.doc).has('probe1'), 'the edit reached the other client');
    expect((await jobOf(id)).state).toBe('running');

    await waitFor(async () => (await jobOf(id)).state === 'done', 'the export is done', 60_000);
    const res = await fetch(`${base}/api/workshops/${workshopId}/exports/${id}/download`, {
      headers: { Authorization: `Bearer ${facilitator}` },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(new TextDecoder('latin1').decode(bytes.slice(-8))).toContain('%%EOF');
    // The pool rendered it, and not on the main thread (whose threadId is 0).
    const stats = server.renderPool.stats();
    expect(stats.rendered).toBe(before + 1);
    expect(stats.threadIds.length).toBeGreaterThan(0);
    expect(stats.threadIds).not.toContain(0);
  }, 120_000);

  it('a cancelled export stops its worker and leaves nothing; the next one works', async () => {
    const started = await api('POST', `/workshops/${workshopId}/exports`, facilitator, {
      format: 'zip',
    });
    const id = (started.body.job as Job).id;
    await waitFor(async () => (await jobOf(id)).done >= 1, 'the export is under way', 60_000);
    const cancelled = await api('DELETE', `/workshops/${workshopId}/exports/${id}`, facilitator);
    expect(cancelled.status).toBe(200);
    await waitFor(async () => (await jobOf(id)).state === 'cancelled', 'the job is cancelled');
    expect(server.renderPool.stats().workers).toBe(0);
    // Neither its file nor a part of one (the first test's PDF is still there).
    const files = fs.readdirSync(path.join(server.dataDir, 'exports'));
    expect(files.filter((f) => f.startsWith(id))).toEqual([]);
    const download = await api(
      'GET',
      `/workshops/${workshopId}/exports/${id}/download`,
      facilitator,
    );
    expect(download.status).toBe(409);

    const again = await api('POST', `/workshops/${workshopId}/exports`, facilitator, {
      format: 'csv',
    });
    const next = (again.body.job as Job).id;
    await waitFor(async () => (await jobOf(next)).state === 'done', 'the next export is done');
  }, 120_000);

  it('a board picture is drawn by a worker too', async () => {
    const before = server.renderPool.stats().rendered;
    const res = await fetch(
      `${base}/api/workshops/${workshopId}/boards/${boardIds[1]}/export/png`,
      { headers: { Authorization: `Bearer ${facilitator}` } },
    );
    expect(res.status).toBe(200);
    const png = new Uint8Array(await res.arrayBuffer());
    expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(server.renderPool.stats().rendered).toBe(before + 1);
  }, 60_000);
});

describe('the render pool', () => {
  it('lets a bounded number of exports wait and refuses more at once; close does not hang', async () => {
    const pool = new RenderPool({ size: 1, maxQueued: 1, logger: silentLogger });
    // A source that holds the first document back, so the first export stays busy.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const source: ExportSource = {
      async docUpdate() {
        await held;
        return Y.encodeStateAsUpdate(new Y.Doc());
      },
      async doc() {
        await held;
        return new Y.Doc();
      },
      asset: async () => null,
      workshop: async () => null,
    };
    const board = {
      id: 'board1',
      name: 'Tavle',
      groupId: null,
      phaseId: null,
      template: 'blank',
      archived: false,
      locked: false,
      createdAt: 0,
    };
    const task = {
      kind: 'board',
      board,
      format: 'svg',
      scale: 1,
      paper: 'a4',
      pins: false,
    } as const;
    const first = pool.run(task, source);
    const second = pool.run(task, source);
    await expect(pool.run(task, source)).rejects.toBeInstanceOf(RenderPoolBusy);
    expect(pool.stats()).toMatchObject({ workers: 1, queued: 1 });
    release();
    const files = await Promise.all([first, second]);
    for (const f of files) expect(new TextDecoder().decode(f.bytes)).toContain('<svg');
    expect(pool.stats().rendered).toBe(2);
    await pool.close();
    expect(pool.stats().workers).toBe(0);
  }, 60_000);
});

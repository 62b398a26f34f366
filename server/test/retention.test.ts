import fs from 'node:fs';
import path from 'node:path';
import {
  boardDocId,
  commentsDocId,
  getShape,
  ORIGIN_LOCAL,
  retentionDeadline,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryLogger } from '../src/logger.js';
import type { RunningServer } from '../src/server.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  sticky,
  type TestPerson,
  waitFor,
  waitSynced,
} from './helpers.js';
import { png } from './images.js';

/** The gathering date `createWorkshop` uses. */
const GATHERING = '2026-11-23';

let clock = Date.parse('2026-11-20T12:00:00Z');
const log = memoryLogger();
let server: RunningServer & { dataDir: string };
const api = apiCaller(() => server.url);

beforeAll(async () => {
  server = await startTestServer({
    logger: log,
    retention: { intervalMs: 3600_000, now: () => clock },
  });
});
afterAll(async () => {
  await server.close();
});

/** A second handle on the server's SQLite file, to look at what is really stored. */
async function stored<T>(fn: (s: SqliteStorage) => Promise<T> | T): Promise<T> {
  const s = new SqliteStorage(server.dataDir);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('retention: "delete N days after the gathering"', () => {
  let w: Awaited<ReturnType<typeof createWorkshop>>;
  let other: Awaited<ReturnType<typeof createWorkshop>>;
  let anne: TestPerson;
  let boardId: string;
  let otherBoard: string;
  let assetUrl: string;
  let exportFile: string;
  let joinCode: string;

  it('only the facilitator sets it, to one of the offered choices', async () => {
    w = await createWorkshop(api, { title: 'Kortlevd', groups: ['A', 'B'] });
    anne = await w.join('Anne', 0);
    const url = `/workshops/${w.workshopId}/retention`;
    expect((await api('PATCH', url, anne.token, { days: 30 })).status).toBe(403);
    expect((await api('PATCH', url, null, { days: 30 })).status).toBe(401);
    for (const bad of [{ days: 7 }, { days: '30' }, { days: -30 }, {}, { days: 30.5 }])
      expect((await api('PATCH', url, w.facilitator, bad)).status).toBe(400);

    const set = await api('PATCH', url, w.facilitator, { days: 30 });
    expect(set.status).toBe(200);
    const expected = { days: 30, ...retentionDeadline(GATHERING, 30) };
    expect(set.body.retention).toEqual(expected);
    expect(expected.deleteOn).toBe('2026-12-23');
    // The console reads it from the workshop document.
    const room = await server.registry.acquire(workshopDocId(w.workshopId));
    expect(room.doc.getMap('meta').get('retention')).toEqual(expected);
    server.registry.release(room);

    // Off and on again; the last choice counts.
    expect((await api('PATCH', url, w.facilitator, { days: null })).status).toBe(200);
    expect(
      await stored((s) => s.expiredWorkshops(Date.parse('2100-01-01T00:00:00Z'))),
    ).not.toContain(w.workshopId);
    expect((await api('PATCH', url, w.facilitator, { days: 30 })).status).toBe(200);
  });

  it('a workshop with content: stickies, an image and a finished export', async () => {
    other = await createWorkshop(api, { title: 'Blir værende', groups: ['A', 'B'] });
    for (const [ws, name] of [
      [w, 'Fase'],
      [other, 'Fase'],
    ] as const) {
      const phase = await api('POST', `/workshops/${ws.workshopId}/phases`, ws.facilitator, {
        name,
        template: 'blank',
      });
      expect(phase.status).toBe(201);
      const id = (phase.body.boardIds as string[])[0] as string;
      if (ws === w) boardId = id;
      else otherBoard = id;
    }

    const writer = connectClient(server, '', new Y.Doc(), {
      token: anne.token,
      docId: boardDocId(boardId),
    });
    await waitSynced(writer);
    writeShapes(
      writer.doc,
      [sticky('sticky01', 'Første lapp'), sticky('sticky02', 'Andre lapp')],
      ORIGIN_LOCAL,
    );
    const room = await server.registry.acquire(boardDocId(boardId));
    await waitFor(() => !!getShape(room.doc, 'sticky02'), 'the stickies reach the server');
    server.registry.release(room);
    writer.destroy();

    const up = await fetch(`${server.url}/api/boards/${boardId}/assets`, {
      method: 'POST',
      body: png(4, 4),
      headers: { 'content-type': 'image/png', authorization: `Bearer ${anne.token}` },
    });
    expect(up.status).toBe(201);
    assetUrl = `${server.url}${((await up.json()) as { url: string }).url}`;
    expect((await fetch(assetUrl)).status).toBe(200);

    const started = await api('POST', `/workshops/${w.workshopId}/exports`, w.facilitator, {
      format: 'csv',
    });
    expect(started.status).toBe(202);
    const jobId = (started.body.job as { id: string }).id;
    await waitFor(
      async () =>
        (
          (await api('GET', `/workshops/${w.workshopId}/exports/${jobId}`, w.facilitator)).body
            .job as { state: string }
        ).state === 'done',
      'the export is done',
    );
    exportFile = path.join(server.dataDir, 'exports', jobId);
    expect(fs.existsSync(exportFile)).toBe(true);
    await server.registry.flush();
  });

  it('before the time is up the job deletes nothing', async () => {
    joinCode = (await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body
      .joinCode as string;
    clock = Date.parse('2026-12-23T12:00:00Z');
    expect(await server.retention.run()).toBe(0);
    expect((await api('GET', `/workshops/${w.workshopId}/me`, w.facilitator)).status).toBe(200);
    expect((await fetch(assetUrl)).status).toBe(200);
    expect(fs.existsSync(exportFile)).toBe(true);
    expect(log.entries.filter((e) => e.event === 'retention.deleted')).toEqual([]);
  });

  it('after it, the workshop and everything in it is gone; other workshops stay', async () => {
    clock = retentionDeadline(GATHERING, 30).deleteAfter;
    expect(await server.retention.run()).toBe(1);

    expect((await api('GET', `/workshops/${w.workshopId}/me`, w.facilitator)).status).toBe(401);
    expect((await api('GET', `/workshops/${w.workshopId}/me`, anne.token)).status).toBe(401);
    expect((await api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).status).toBe(401);
    expect((await api('GET', `/join/${joinCode}`, null)).status).toBe(404);
    expect((await fetch(assetUrl)).status).toBe(404);
    expect(fs.existsSync(exportFile)).toBe(false);
    await stored(async (s) => {
      expect(await s.getWorkshop(w.workshopId)).toBeNull();
      expect(await s.load(boardDocId(boardId))).toEqual([]);
      expect(await s.load(commentsDocId(boardId))).toEqual([]);
      expect(await s.load(workshopDocId(w.workshopId))).toEqual([]);
      expect(s.rowsMentioning(w.workshopId) + s.rowsMentioning(boardId)).toBe(0);
      // The other workshop is untouched.
      expect(await s.getWorkshop(other.workshopId)).not.toBeNull();
      expect((await s.load(workshopDocId(other.workshopId))).length).toBeGreaterThan(0);
      expect(await s.workshopBoards(other.workshopId)).toContain(otherBoard);
    });
    expect((await api('GET', `/workshops/${other.workshopId}/me`, other.facilitator)).status).toBe(
      200,
    );

    const deleted = log.entries.filter((e) => e.event === 'retention.deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.fields?.workshopId).toBe(w.workshopId);
    expect(typeof deleted[0]?.fields?.ageDays).toBe('number');
  });

  it('a second pass (another server in a cluster) finds nothing and logs no failure', async () => {
    expect(await server.retention.run()).toBe(0);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

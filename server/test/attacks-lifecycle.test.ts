import {
  boardDocId,
  commentsDocId,
  newId,
  ORIGIN_LOCAL,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  spawnServer,
  sticky,
  TEST_ADMIN_TOKEN,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';
import {
  gathering,
  storedFor,
  storedRows,
  upgradeStatus,
  upload,
  useServers,
} from './lifecycle-support.js';

/**
 * The lifecycle doors of issue 15, tried as an attacker would: board ids nobody made, ids of
 * deleted workshops, links from before a restore. Each refusal is checked together with
 * "nothing was stored". Codes and joining: `attacks-joining.test.ts`.
 */

const { server, clients } = useServers();

describe('a fresh server (open boards off, the default)', () => {
  it('refuses every door to a board id nobody made, and stores nothing', async () => {
    const t = await server({ openBoards: false });
    const stranger = newId();
    expect(await upgradeStatus(t, boardDocId(stranger))).toBe(404);
    expect(await upgradeStatus(t, commentsDocId(stranger))).toBe(404);
    expect(await upgradeStatus(t, workshopDocId(stranger))).toBe(404);
    expect((await t.api('GET', `/boards/${stranger}`, null)).status).toBe(404);
    expect(await upload(t, stranger)).toBe(404);
    expect((await t.api('GET', `/boards/${stranger}/export/svg`, null)).status).toBe(404);
    expect(await storedFor(t, stranger)).toBe(0);
    expect(await storedRows(t)).toBe(0);
    // The client learns it from the server, to offer no scratch boards.
    expect((await t.api('GET', '/info', null)).body.openBoards).toBe(false);
    // A workshop's own board still works for its members.
    const w = await gathering(t);
    expect(await upgradeStatus(t, boardDocId(w.boardIds[0] ?? ''), w.anne.token)).toBe(101);
  });

  it('is what `npm start` runs without TORG_OPEN_BOARDS; with it, open boards are back', async () => {
    for (const [value, status] of [
      ['', 404],
      ['0', 404],
      ['1', 101],
    ] as const) {
      const real = await spawnServer(tempDataDir(), { TORG_OPEN_BOARDS: value });
      try {
        const t = { s: { port: real.port } };
        expect(await upgradeStatus(t, boardDocId(newId())), `TORG_OPEN_BOARDS=${value}`).toBe(
          status,
        );
      } finally {
        real.child.kill('SIGTERM');
        await real.exited;
      }
    }
  });

  it('with TORG_OPEN_BOARDS on, a new board id is an open board as before', async () => {
    const t = await server({ openBoards: true });
    expect((await t.api('GET', '/info', null)).body.openBoards).toBe(true);
    const id = newId();
    const c = connectClient(t.s, id);
    clients.push(c);
    await waitSynced(c);
    writeShapes(c.doc, [sticky('s1', 'Hei')], ORIGIN_LOCAL);
    await waitFor(async () => (await storedFor(t, id)) > 0, 'the open board is stored');
  });
});

describe('deleted is gone', () => {
  it('board ids of a deleted workshop stay dead, even with open boards on', async () => {
    const t = await server({ openBoards: true });
    const w = await gathering(t);
    const boardId = w.boardIds[0] ?? '';
    const del = await t.api('DELETE', `/workshops/${w.workshopId}`, w.facilitator);
    expect(del.status).toBe(204);
    for (const id of w.boardIds) {
      expect(await upgradeStatus(t, boardDocId(id))).toBe(404);
      expect((await t.api('GET', `/boards/${id}`, null)).status).toBe(404);
      expect(await upload(t, id)).toBe(404);
      expect(await storedFor(t, id)).toBe(0);
    }
    expect(await upgradeStatus(t, workshopDocId(w.workshopId))).toBe(404);
    expect(await upgradeStatus(t, boardDocId(boardId), w.facilitator)).toBe(404);
    expect(await storedFor(t, w.workshopId)).toBe(0);
  });

  it('the retention job tombstones too', async () => {
    let clock = Date.now();
    const t = await server({ openBoards: true, retention: { now: () => clock } });
    const w = await gathering(t);
    const set = await t.api('PATCH', `/workshops/${w.workshopId}/retention`, w.facilitator, {
      days: 30,
    });
    expect(set.status).toBe(200);
    clock = (set.body.retention as { deleteAfter: number }).deleteAfter;
    expect(await t.s.retention.run()).toBe(1);
    for (const id of w.boardIds) expect(await upgradeStatus(t, boardDocId(id))).toBe(404);
    expect(await storedFor(t, w.boardIds[0] ?? '')).toBe(0);
  });

  it('its backup restores under the same ids, and no old link comes back', async () => {
    const t = await server({ openBoards: true });
    const w = await gathering(t);
    const boardId = w.boardIds[0] ?? '';
    const writer = connectClient(t.s, boardId, new Y.Doc(), { token: w.anne.token });
    clients.push(writer);
    await waitSynced(writer);
    writeShapes(writer.doc, [sticky('idea', 'Benker i parken')], ORIGIN_LOCAL);
    await waitFor(async () => (await storedFor(t, boardId)) > 0, 'the sticky is stored');
    const backup = await fetch(`${t.base}/api/workshops/${w.workshopId}/backup`, {
      headers: { authorization: `Bearer ${w.facilitator}` },
    });
    const backupText = await backup.text();
    expect(backup.status).toBe(200);
    expect((await t.api('DELETE', `/workshops/${w.workshopId}`, w.facilitator)).status).toBe(204);
    // Who wrote the sticky was still waiting to be recorded: it must not outlive the deletion.
    await t.s.attribution.settle();
    expect(await storedFor(t, boardId)).toBe(0);
    // Someone tries the dead board as an open board meanwhile: refused, so it cannot block.
    expect(await upgradeStatus(t, boardDocId(boardId))).toBe(404);

    const restored = await fetch(`${t.base}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: backupText,
    });
    const imported = (await restored.json()) as Record<string, string>;
    expect(restored.status, JSON.stringify(imported)).toBe(201);
    expect(imported.workshopId).toBe(w.workshopId);
    const state = await t.api('GET', `/boards/${boardId}`, imported.token ?? '');
    expect(state.status).toBe(200);
    expect((state.body.shapes as { id: string }[]).map((s) => s.id)).toEqual(['idea']);

    // Every token of the workshop's earlier life is dead: facilitator, participant, observer.
    for (const old of [w.facilitator, w.anne.token, w.olav.token]) {
      expect((await t.api('GET', `/workshops/${w.workshopId}/me`, old)).status).toBe(401);
      expect(await upgradeStatus(t, boardDocId(boardId), old)).toBe(401);
    }
    // The old codes too; the restored ones work.
    expect((await t.api('GET', `/join/${w.joinCode}`, null)).status).toBe(404);
    expect((await t.api('GET', `/join/${imported.joinCode}`, null)).status).toBe(200);
    // Restored twice (say, from another copy): the token of the first restore dies as well.
    expect(
      (await t.api('DELETE', `/workshops/${w.workshopId}`, imported.token ?? null)).status,
    ).toBe(204);
    const again = await fetch(`${t.base}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: backupText,
    });
    expect(again.status, await again.text()).toBe(201);
    const me = await t.api('GET', `/workshops/${w.workshopId}/me`, imported.token ?? '');
    expect(me.status).toBe(401);
  });
});

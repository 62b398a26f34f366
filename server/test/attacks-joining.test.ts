import {
  boardDocId,
  DEFAULT_LIMITS,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  ORIGIN_LOCAL,
  ORIGIN_SERVER,
  readWorkshop,
  shapesMap,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newJoinCode } from '../src/workshops/access.js';
import {
  connectClient,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';
import { gathering, participantsOf, upgradeStatus, useServers } from './lifecycle-support.js';

/**
 * Codes and joining, tried as an attacker would: a code after the end or after a rotation, a
 * link from before a sign-out (and its live connection), a participant trying the
 * facilitator's switches, guessable codes. Each refusal is checked with "nothing was stored".
 */

const { server, clients } = useServers();

describe('codes and joining', () => {
  it('new codes with sign-out: old tokens 401, their live connections closed', async () => {
    const t = await server();
    const w = await gathering(t);
    const boardId = w.boardIds[0] ?? '';
    const live = connectClient(t.s, boardId, new Y.Doc(), { token: w.anne.token });
    const watcher = connectClient(t.s, boardId, new Y.Doc(), { token: w.olav.token });
    const facilitator = connectClient(t.s, boardId, new Y.Doc(), { token: w.facilitator });
    clients.push(live, watcher, facilitator);
    await Promise.all([live, watcher, facilitator].map(waitSynced));
    const closeCode = (c: TestClient) =>
      new Promise<number>((resolve) =>
        c.provider.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
      );
    const anneClosed = closeCode(live);
    const olavClosed = closeCode(watcher);
    let facilitatorClosed = false;
    facilitator.provider.on('connection-close', () => {
      facilitatorClosed = true;
    });

    const r = await t.api('POST', `/workshops/${w.workshopId}/codes/rotate`, w.facilitator, {
      signOut: true,
    });
    expect(r.status).toBe(200);
    expect(await anneClosed).toBe(4410);
    expect(await olavClosed).toBe(4410);
    for (const old of [w.anne.token, w.olav.token]) {
      expect((await t.api('GET', `/workshops/${w.workshopId}/me`, old)).status).toBe(401);
      expect(await upgradeStatus(t, boardDocId(boardId), old)).toBe(401);
    }
    // Anne's reconnects are refused; her last word never reaches the board.
    writeShapes(live.doc, [sticky('late', 'Etter utlogging')], ORIGIN_LOCAL);
    // Facilitators stay in, on the same connection.
    expect((await t.api('GET', `/workshops/${w.workshopId}/me`, w.facilitator)).status).toBe(200);
    writeShapes(facilitator.doc, [sticky('f', 'Fra fasilitator')], ORIGIN_LOCAL);
    const onServer = async (shapeId: string) => {
      const room = await t.s.registry.acquire(boardDocId(boardId));
      try {
        return shapesMap(room.doc).has(shapeId);
      } finally {
        t.s.registry.release(room);
      }
    };
    await waitFor(() => onServer('f'), 'the facilitator still writes');
    expect(facilitatorClosed).toBe(false);
    expect(await onServer('late')).toBe(false);

    // Both old codes answer 404 at once; the new ones admit people, with working tokens.
    for (const old of [w.joinCode, w.observerCode]) {
      expect((await t.api('GET', `/join/${old}`, null)).status).toBe(404);
      const before = await participantsOf(t, w.workshopId);
      const j = await t.api('POST', '/join', null, { code: old, name: 'Sen' });
      expect(j.status).toBe(404);
      expect(await participantsOf(t, w.workshopId)).toBe(before);
    }
    const { joinCode, observerCode } = r.body as Record<string, string>;
    expect(joinCode).not.toBe(w.joinCode);
    expect(observerCode).not.toBe(w.observerCode);
    const again = await t.api('POST', '/join', null, { code: joinCode, name: 'Anne' });
    expect(again.status).toBe(201);
    const fresh = again.body.token as string;
    expect((await t.api('GET', `/workshops/${w.workshopId}/me`, fresh)).status).toBe(200);
  });

  it('new codes without sign-out: old codes 404, people who joined stay', async () => {
    const t = await server();
    const w = await gathering(t);
    const r = await t.api('POST', `/workshops/${w.workshopId}/codes/rotate`, w.facilitator, {
      observer: false,
    });
    expect(r.status).toBe(200);
    expect(r.body.observerCode).toBe(w.observerCode);
    expect((await t.api('GET', `/join/${w.joinCode}`, null)).status).toBe(404);
    expect((await t.api('GET', `/join/${w.observerCode}`, null)).status).toBe(200);
    expect((await t.api('GET', `/workshops/${w.workshopId}/me`, w.anne.token)).status).toBe(200);
  });

  it('only the facilitator rotates or opens joining; a refusal changes nothing', async () => {
    const t = await server();
    const w = await gathering(t);
    for (const token of [w.anne.token, w.olav.token, null]) {
      const rot = await t.api('POST', `/workshops/${w.workshopId}/codes/rotate`, token, {
        signOut: true,
      });
      expect(rot.status).toBe(token ? 403 : 401);
      const close = await t.api('POST', `/workshops/${w.workshopId}/joining`, token, {
        open: false,
      });
      expect(close.status).toBe(token ? 403 : 401);
    }
    const nothing = await t.api('POST', `/workshops/${w.workshopId}/codes/rotate`, w.facilitator, {
      join: false,
      observer: false,
    });
    expect(nothing.status).toBe(400);
    expect((await t.api('GET', `/join/${w.joinCode}`, null)).status).toBe(200);
    expect((await t.api('GET', `/workshops/${w.workshopId}/me`, w.anne.token)).status).toBe(200);
  });

  it('joining after the end is 403 and stores nothing; reopened, it works', async () => {
    const t = await server();
    const w = await gathering(t);
    expect((await t.api('POST', `/workshops/${w.workshopId}/end`, w.facilitator)).status).toBe(200);
    const room = await t.s.registry.acquire(workshopDocId(w.workshopId));
    expect(readWorkshop(room.doc).meta?.joinOpen).toBe(false);
    t.s.registry.release(room);
    const before = await participantsOf(t, w.workshopId);
    for (const code of [w.joinCode, w.observerCode]) {
      const look = await t.api('GET', `/join/${code}`, null);
      expect([look.status, look.body.error]).toEqual([403, 'joining_closed']);
      const j = await t.api('POST', '/join', null, { code, name: 'Etternøler' });
      expect([j.status, j.body.error]).toEqual([403, 'joining_closed']);
    }
    expect(await participantsOf(t, w.workshopId)).toBe(before);
    // Those who joined before the end keep their access (reading the results).
    expect((await t.api('GET', `/workshops/${w.workshopId}/me`, w.anne.token)).status).toBe(200);

    const open = await t.api('POST', `/workshops/${w.workshopId}/joining`, w.facilitator, {
      open: true,
    });
    expect(open.body).toEqual({ joinOpen: true });
    expect((await t.api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body).toEqual({
      joinCode: w.joinCode,
      observerCode: w.observerCode,
      joinOpen: true,
    });
    const j = await t.api('POST', '/join', null, { code: w.joinCode, name: 'Etternøler' });
    expect(j.status).toBe(201);
    expect(await participantsOf(t, w.workshopId)).toBe(before + 1);

    // Closed by hand, before any end: the same refusal.
    await t.api('POST', `/workshops/${w.workshopId}/joining`, w.facilitator, { open: false });
    expect((await t.api('GET', `/join/${w.joinCode}`, null)).status).toBe(403);
  });
});

describe('a workshop has room for a bounded number of people', () => {
  it('a join beyond the cap is 409 workshop_full and stores nobody', async () => {
    // The gathering has a facilitator, Anne and an observer: room for one more.
    const t = await server({
      limits: { maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes, maxPeoplePerWorkshop: 4 },
    });
    const w = await gathering(t);
    const ok = await t.api('POST', '/join', null, { code: w.joinCode, name: 'Fjerde' });
    expect(ok.status).toBe(201);
    const before = await participantsOf(t, w.workshopId);
    for (const code of [w.joinCode, w.observerCode]) {
      const full = await t.api('POST', '/join', null, { code, name: 'En for mye' });
      expect([full.status, full.body.error]).toEqual([409, 'workshop_full']);
    }
    expect(await participantsOf(t, w.workshopId)).toBe(before);
  });
});

describe('a workshop that ended before joining could be closed', () => {
  it('admits nobody new until the facilitator reopens joining', async () => {
    const t = await server();
    const w = await gathering(t);
    // As such a workshop is stored: ended, no `joinOpen` in its meta, the row's default open.
    const room = await t.s.registry.acquire(workshopDocId(w.workshopId));
    room.doc.transact(() => {
      const meta = room.doc.getMap('meta');
      meta.set('ended', true);
      meta.delete('joinOpen');
    }, ORIGIN_SERVER);
    t.s.registry.release(room);
    const before = await participantsOf(t, w.workshopId);
    const j = await t.api('POST', '/join', null, { code: w.joinCode, name: 'Etternøler' });
    expect([j.status, j.body.error]).toEqual([403, 'joining_closed']);
    expect(await participantsOf(t, w.workshopId)).toBe(before);
    expect(
      (await t.api('GET', `/workshops/${w.workshopId}/codes`, w.facilitator)).body.joinOpen,
    ).toBe(false);
    await t.api('POST', `/workshops/${w.workshopId}/joining`, w.facilitator, { open: true });
    expect((await t.api('GET', `/join/${w.joinCode}`, null)).status).toBe(200);
  });
});

describe('codes', () => {
  it('are of the shared length and alphabet, from create, import and rotation', async () => {
    const t = await server();
    const w = await gathering(t);
    const rotated = await t.api(
      'POST',
      `/workshops/${w.workshopId}/codes/rotate`,
      w.facilitator,
      {},
    );
    const backup = await (
      await fetch(`${t.base}/api/workshops/${w.workshopId}/backup`, {
        headers: { authorization: `Bearer ${w.facilitator}` },
      })
    ).text();
    const other = await server();
    const imported = (await (
      await fetch(`${other.base}/api/workshops/import`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        },
        body: backup,
      })
    ).json()) as Record<string, string>;
    const shape = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);
    for (const code of [
      w.joinCode,
      w.observerCode,
      rotated.body.joinCode,
      rotated.body.observerCode,
      imported.joinCode,
      imported.observerCode,
    ])
      expect(code).toMatch(shape);
  });

  it('are unbiased: every character equally likely (chi-square)', () => {
    const counts = new Map<string, number>([...JOIN_CODE_ALPHABET].map((ch) => [ch, 0]));
    const codes = 20_000;
    for (let i = 0; i < codes; i++)
      for (const ch of newJoinCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (codes * JOIN_CODE_LENGTH) / JOIN_CODE_ALPHABET.length;
    let chi2 = 0;
    for (const n of counts.values()) chi2 += (n - expected) ** 2 / expected;
    // Mean + 10 standard deviations of chi-square (24 degrees of freedom for 25 characters:
    // 93): passed by chance about once in a billion runs. `byte % 25`, as before, makes six
    // characters 10 % likelier: chi-square ≈ 280.
    const df = JOIN_CODE_ALPHABET.length - 1;
    expect(counts.size).toBe(JOIN_CODE_ALPHABET.length);
    expect(chi2).toBeLessThan(df + 10 * Math.sqrt(2 * df));
  });
});

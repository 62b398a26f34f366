import { ORIGIN_LOCAL, shapesMap, writeShapes } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import {
  apiCaller,
  connectClient,
  spawnServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';

const CLIENTS = 300;
const BOARDS = 10;
const LIMIT_MS = 10_000;

/**
 * One loopback source address per client (all of 127.0.0.0/8 is local on Linux): to the
 * server these are 300 different hosts, so per-address connection caps do not apply.
 */
const addressOf = (i: number) => `127.1.${Math.floor(i / 200)}.${1 + (i % 200)}`;

describe('connection storm', () => {
  it('300 clients connecting at once to 10 boards all sync within 10 s', async () => {
    const server = await spawnServer(tempDataDir());
    const clients: TestClient[] = [];
    try {
      // Each board already has content in storage.
      for (let b = 0; b < BOARDS; b++) {
        const seeder = connectClient(server, `storm${b}`);
        await waitSynced(seeder);
        writeShapes(seeder.doc, [sticky(`seed${b}`, `Tavle ${b}`)], ORIGIN_LOCAL);
        await waitFor(async () => {
          const res = await fetch(`http://127.0.0.1:${server.port}/api/boards/storm${b}`);
          const body = (await res.json()) as { shapes: unknown[] };
          return body.shapes.length === 1;
        }, `board ${b} seeded`);
        seeder.destroy();
      }

      // The storm: every client is created in the same tick, each with an edit of its own
      // made before it connects (as a browser with an offline copy would).
      const started = performance.now();
      for (let i = 0; i < CLIENTS; i++) {
        const c = connectClient(server, `storm${i % BOARDS}`, undefined, {
          localAddress: addressOf(i),
        });
        writeShapes(c.doc, [sticky(`c${i}`, `klient ${i}`)], ORIGIN_LOCAL);
        clients.push(c);
      }
      const perBoard = CLIENTS / BOARDS + 1;
      await waitFor(
        () => clients.every((c) => c.provider.synced && shapesMap(c.doc).size === perBoard),
        'every client has the seed and the edits of all 29 others on its board',
        LIMIT_MS,
      );
      const elapsed = performance.now() - started;
      console.info(`storm: ${CLIENTS} clients synced in ${elapsed.toFixed(0)} ms`);
      expect(elapsed).toBeLessThan(LIMIT_MS);

      // Right content on the right board, and the server counts every connection.
      for (const [i, c] of clients.entries()) {
        expect(shapesMap(c.doc).has(`seed${i % BOARDS}`)).toBe(true);
      }
      const health = (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as {
        ok: boolean;
        connections: number;
      };
      expect(health).toMatchObject({ ok: true, connections: CLIENTS });
    } finally {
      for (const c of clients) c.destroy();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('300 workshop participants (own tokens, 10 group boards) connecting at once all sync within 10 s', async () => {
    const server = await spawnServer(tempDataDir());
    const api = apiCaller(() => `http://127.0.0.1:${server.port}`);
    const clients: TestClient[] = [];
    try {
      const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
        title: 'Stormen',
        date: '2026-11-23',
        groups: Array.from({ length: BOARDS }, (_x, g) => `Gruppe ${g + 1}`),
        facilitatorName: 'Fasilitator',
      });
      expect(created.status).toBe(201);
      const workshopId = created.body.workshopId as string;
      const info = await api('GET', `/join/${created.body.joinCode as string}`, null);
      const groups = (info.body.groups as { id: string }[]).map((g) => g.id);
      const phase = await api(
        'POST',
        `/workshops/${workshopId}/phases`,
        created.body.token as string,
        {
          name: 'Arbeid i grupper',
        },
      );
      const boards = phase.body.boardIds as string[];
      expect(boards).toHaveLength(BOARDS);
      // 300 people join (each gets a token of their own), 30 per group.
      const tokens: string[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const joined = await api('POST', '/join', null, {
          code: created.body.joinCode,
          name: `Deltaker ${i}`,
          groupId: groups[i % BOARDS],
        });
        expect(joined.status).toBe(201);
        tokens.push(joined.body.token as string);
      }

      const started = performance.now();
      for (let i = 0; i < CLIENTS; i++) {
        const c = connectClient(server, boards[i % BOARDS] as string, undefined, {
          token: tokens[i] as string,
        });
        writeShapes(c.doc, [sticky(`p${i}`, `deltaker ${i}`)], ORIGIN_LOCAL);
        clients.push(c);
      }
      const perBoard = CLIENTS / BOARDS;
      await waitFor(
        () => clients.every((c) => c.provider.synced && shapesMap(c.doc).size === perBoard),
        'every participant has the notes of all 30 in the group',
        LIMIT_MS,
      );
      const elapsed = performance.now() - started;
      console.info(`storm: ${CLIENTS} participants synced in ${elapsed.toFixed(0)} ms`);
      expect(elapsed).toBeLessThan(LIMIT_MS);
      for (const [i, c] of clients.entries()) {
        const group = i % BOARDS;
        expect(
          [...shapesMap(c.doc).keys()].every((id) => Number(id.slice(1)) % BOARDS === group),
        ).toBe(true);
      }
    } finally {
      for (const c of clients) c.destroy();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);
});

import { boardDocId, ORIGIN_LOCAL, shapesMap, updateShapes, writeShapes } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  connectClient,
  spawnServer,
  sticky,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';

const BOARD = 'crash1';
const CLIENTS = 20;
/** Group commit is 25 ms; anything sent longer ago than this must survive a SIGKILL. */
const WINDOW_MS = 100;

interface Edit {
  id: string;
  x: number;
  at: number;
}

/** The board as plain data: id → x of every sticky (what the edits below change). */
function positions(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, m] of shapesMap(doc)) out.set(id, m.get('x') as number);
  return out;
}

const key = (doc: Y.Doc) =>
  JSON.stringify([...positions(doc)].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('SIGKILL of the server under 20 editing clients', () => {
  it('keeps every edit sent before the durability window and every edit made during the outage', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir);
    const port = first.port;
    const clients: TestClient[] = Array.from({ length: CLIENTS }, () =>
      connectClient({ port }, BOARD),
    );
    let second: Awaited<ReturnType<typeof spawnServer>> | null = null;
    try {
      await Promise.all(clients.map(waitSynced));

      // Each client adds its own stickies and moves them; x values are unique, so every
      // edit is recognisable in the stored document.
      const edits: Edit[][] = clients.map(() => []);
      let nextX = 1;
      const editOnce = (ci: number) => {
        const c = clients[ci] as TestClient;
        const mine = edits[ci] as Edit[];
        const ids = [...new Set(mine.map((e) => e.id))];
        const x = nextX++;
        if (ids.length < 3 || x % 3 === 0) {
          const id = `c${ci}n${ids.length}`;
          writeShapes(c.doc, [sticky(id, `lapp ${id}`, x)], ORIGIN_LOCAL);
          mine.push({ id, x, at: performance.now() });
        } else {
          const id = ids[x % ids.length] as string;
          updateShapes(c.doc, new Map([[id, { x }]]), ORIGIN_LOCAL);
          mine.push({ id, x, at: performance.now() });
        }
      };
      const timers = new Map<number, NodeJS.Timeout>();
      clients.forEach((_c, ci) => {
        timers.set(
          ci,
          setInterval(() => editOnce(ci), 40 + (ci % 5) * 5),
        );
      });
      const total = () => edits.reduce((n, e) => n + e.length, 0);
      await waitFor(() => total() >= 600, 'a steady stream of edits from all clients', 15_000);

      first.child.kill('SIGKILL');
      const killedAt = performance.now();
      // Half the clients stop with the server; the other half keep editing offline.
      const keepers = clients.map((_c, ci) => ci % 2 === 0);
      for (const [ci, t] of timers) {
        if (!keepers[ci]) {
          clearInterval(t);
          timers.delete(ci);
        }
      }
      await first.exited;

      // 1. Durability, checked on disk before any client can re-upload its copy.
      const storage = new SqliteStorage(dataDir);
      const stored = new Y.Doc();
      for (const u of await storage.load(boardDocId(BOARD))) Y.applyUpdate(stored, u);
      await storage.close();
      const storedPos = positions(stored);
      let mustHave = 0;
      const lost: string[] = [];
      for (const mine of edits) {
        const before = mine.filter((e) => e.at < killedAt - WINDOW_MS);
        for (const id of new Set(before.map((e) => e.id))) {
          // The stored x must be the last one sent before the window, or a later one.
          const lastBefore = before.filter((e) => e.id === id).at(-1) as Edit;
          const allowed = new Set(
            mine.filter((e) => e.id === id && e.at >= lastBefore.at).map((e) => e.x),
          );
          mustHave++;
          if (!allowed.has(storedPos.get(id) ?? -1)) {
            lost.push(`${id}: stored x=${storedPos.get(id)}, expected one of ${[...allowed]}`);
          }
        }
      }
      expect(mustHave).toBeGreaterThan(50);
      expect(lost).toEqual([]);

      // 2. The outage: the keepers go on editing (in memory) while the server is down.
      const atOutage = total();
      await waitFor(() => total() >= atOutage + 100, 'edits during the outage', 10_000);
      await new Promise((r) => setTimeout(r, 500)); // the outage itself lasts a while
      for (const t of timers.values()) clearInterval(t);
      timers.clear();
      const outageEdits = total() - atOutage;

      // 3. Restart on the same port and data: the providers reconnect on their own.
      second = await spawnServer(dataDir, {}, port);
      const expected = new Map<string, number>();
      for (const mine of edits) for (const e of mine) expected.set(e.id, e.x);
      const expectedKey = JSON.stringify([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
      await waitFor(
        () => clients.every((c) => c.provider.synced && key(c.doc) === expectedKey),
        'all 20 clients hold every edit, including the outage ones',
        20_000,
      );

      // The restarted server holds the same board (a fresh client sees it).
      const reader = connectClient({ port }, BOARD);
      await waitSynced(reader);
      await waitFor(() => key(reader.doc) === expectedKey, 'a fresh client sees it all');
      reader.destroy();
      console.info(
        `crash: ${atOutage} edits before the kill (${mustHave} sticky states due on disk), ` +
          `${outageEdits} during the outage; all ${CLIENTS} clients converged`,
      );
      expect(outageEdits).toBeGreaterThanOrEqual(100);
    } finally {
      for (const c of clients) c.destroy();
      if (first.child.exitCode === null && first.child.signalCode === null) {
        first.child.kill('SIGKILL');
      }
      if (second) {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    }
  }, 60_000);
});

import {
  deleteShapes,
  ORIGIN_LOCAL,
  readAllShapes,
  type Shape,
  updateShapes,
  writeShapes,
} from '@torg/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { RunningServer } from '../src/server.js';
import { connectClient, startTestServer, sticky, type TestClient, waitFor } from './helpers.js';
import { seededRandom } from './seeded-random.js';

const snapshot = (doc: Y.Doc): Shape[] => readAllShapes(doc).sort((x, y) => (x.id < y.id ? -1 : 1));

let server: RunningServer | null = null;
afterAll(async () => {
  await server?.close();
});

describe('seeded random editing with disconnects', () => {
  it.each([1, 2, 3])('5 clients converge (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    server ??= await startTestServer();
    const boardId = `random${seed}`;
    const mine = Array.from({ length: 5 }, () => connectClient(server as RunningServer, boardId));
    let n = 0;
    for (let step = 0; step < 300; step++) {
      const c = mine[Math.floor(random() * mine.length)] as TestClient;
      const roll = random();
      const existing = readAllShapes(c.doc);
      if (roll < 0.08) {
        // Flip the connection: edits made while offline must merge on reconnect.
        if (c.provider.wsconnected || c.provider.wsconnecting) c.provider.disconnect();
        else c.provider.connect();
      } else if (roll < 0.45 || existing.length === 0) {
        writeShapes(
          c.doc,
          [sticky(`s${seed}n${n++}`, `lapp ${n}`, Math.floor(random() * 1000))],
          ORIGIN_LOCAL,
        );
      } else if (roll < 0.85) {
        const target = existing[Math.floor(random() * existing.length)] as Shape;
        updateShapes(
          c.doc,
          new Map([[target.id, { text: `endret ${step}`, x: Math.floor(random() * 1000) }]]),
          ORIGIN_LOCAL,
        );
      } else {
        const target = existing[Math.floor(random() * existing.length)] as Shape;
        deleteShapes(c.doc, [target.id], ORIGIN_LOCAL);
      }
      if (random() < 0.2) await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
    }
    for (const c of mine)
      if (!c.provider.wsconnected && !c.provider.wsconnecting) c.provider.connect();
    const expected = () => JSON.stringify(snapshot((mine[0] as TestClient).doc));
    await waitFor(
      () => mine.every((c) => c.provider.synced && JSON.stringify(snapshot(c.doc)) === expected()),
      'all five clients hold the same board',
      20_000,
    );
    // The server's copy (what it will store) is the same board too.
    const room = await server.registry.acquire(`b.${boardId}`);
    expect(JSON.stringify(snapshot(room.doc))).toBe(expected());
    server.registry.release(room);
    expect(snapshot((mine[0] as TestClient).doc).length).toBeGreaterThan(0);
    for (const c of mine) c.destroy();
  });
});

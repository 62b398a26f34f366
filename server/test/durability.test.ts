import { ORIGIN_LOCAL, readAllShapes, writeShapes } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { connectClient, spawnServer, sticky, tempDataDir, waitFor, waitSynced } from './helpers.js';

describe('durability of the real server process', () => {
  it('SIGKILL under continuous edits loses no update sent more than 100 ms before the kill', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir);
    const writers = [connectClient(first, 'durable1'), connectClient(first, 'durable1')];
    await Promise.all(writers.map(waitSynced));

    const sentAt = new Map<string, number>();
    let i = 0;
    const timers = writers.map((w, wi) =>
      setInterval(() => {
        const id = `w${wi}n${i++}`;
        writeShapes(w.doc, [sticky(id, `redigering ${id}`)], ORIGIN_LOCAL);
        sentAt.set(id, performance.now());
      }, 3),
    );
    await waitFor(() => sentAt.size >= 400, 'a steady stream of edits', 15_000);
    first.child.kill('SIGKILL');
    const killedAt = performance.now();
    for (const t of timers) clearInterval(t);
    await first.exited;
    for (const w of writers) w.destroy();

    const second = await spawnServer(dataDir);
    try {
      const res = await fetch(`http://127.0.0.1:${second.port}/api/boards/durable1`);
      const body = (await res.json()) as { shapes: { id: string }[] };
      const stored = new Set(body.shapes.map((s) => s.id));
      const mustHave = [...sentAt].filter(([, t]) => t < killedAt - 100).map(([id]) => id);
      expect(mustHave.length).toBeGreaterThan(300);
      const lost = mustHave.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);

      // And the restarted server serves the same over sync.
      const reader = connectClient(second, 'durable1');
      await waitSynced(reader);
      expect(readAllShapes(reader.doc).length).toBe(stored.size);
      reader.destroy();
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('SIGTERM flushes everything and exits cleanly', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir);
    const w = connectClient(first, 'durable2');
    await waitSynced(w);
    writeShapes(w.doc, [sticky('last1', 'Siste ord før stans')], ORIGIN_LOCAL);
    // Signal right after the edit reaches the socket: the shutdown must still store it.
    await waitFor(() => w.provider.ws?.bufferedAmount === 0, 'sent');
    await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    w.destroy();

    const second = await spawnServer(dataDir);
    try {
      const res = await fetch(`http://127.0.0.1:${second.port}/api/boards/durable2`);
      const body = (await res.json()) as { shapes: { text: string }[] };
      expect(body.shapes.map((s) => s.text)).toEqual(['Siste ord før stans']);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

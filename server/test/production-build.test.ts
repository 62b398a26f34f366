import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readAllShapes, writeShapes } from '@torg/shared';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  connectClient,
  metricSample,
  spawnServer,
  sticky,
  TEST_ADMIN_TOKEN,
  type TestClient,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';

/**
 * The production build (`node build.mjs`, what `npm start` runs): the compiled server starts,
 * syncs boards, renders an export on its worker thread (the worker is compiled too) and serves
 * its metrics (prom-client, loaded only when they are on).
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clients: TestClient[] = [];
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const stop of stops) await stop();
});

describe('the production build', () => {
  it('starts from dist/main.js, syncs a board and renders an export on a worker', async () => {
    await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: serverDir });
    const metricsToken = 'metrics-token-for-the-build-test-0123456789';
    const server = await spawnServer(tempDataDir(), { TORG_METRICS_TOKEN: metricsToken }, 0, [
      'dist/main.js',
    ]);
    stops.push(() => {
      server.child.kill('SIGTERM');
      return server.exited;
    });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const api = apiCaller(() => base);
    const made = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Bygget',
      date: '2026-12-06',
      groups: ['Nord', 'Sør'],
      facilitatorName: 'Kari',
    });
    const { workshopId, token } = made.body as { workshopId: string; token: string };
    const phase = await api('POST', `/workshops/${workshopId}/phases`, token, {
      name: 'Mål',
      template: 'goals',
    });
    const boardId = (phase.body.boardIds as string[])[0] as string;
    const writer = connectClient(server, boardId, undefined, { token });
    clients.push(writer);
    await waitSynced(writer);
    writeShapes(writer.doc, [sticky('built001', 'Fra den bygde serveren')], { source: 'local' });
    await waitFor(async () => {
      const r = await api('GET', `/boards/${boardId}`, token);
      return JSON.stringify(r.body).includes('Fra den bygde serveren');
    }, 'the note stored');
    expect(readAllShapes(writer.doc).length).toBeGreaterThan(1);
    const png = await fetch(`${base}/api/workshops/${workshopId}/boards/${boardId}/export/png`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await png.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const metrics = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    const text = await metrics.text();
    expect(metrics.status).toBe(200);
    expect(metricSample(text, 'torg_sync_connections')).toBe(1);
    expect(
      metricSample(
        text,
        'torg_export_duration_seconds_count',
        'kind="board",format="png",outcome="done"',
      ),
    ).toBe(1);
  });
});

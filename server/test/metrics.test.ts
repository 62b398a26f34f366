/**
 * `/metrics` (issue 22): off unless configured, behind a token on the public port or on a
 * port of its own, and what an operations team reads there moves with what the server does.
 */
import { CloseCode, ORIGIN_LOCAL, writeShapes } from '@torg/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import {
  apiCaller,
  closeOf,
  connectClient,
  createWorkshop,
  metricSample as sample,
  startTestServer,
  sticky,
  type TestClient,
  waitFor,
  waitSynced,
} from './helpers.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const servers: RunningServer[] = [];
const clients: TestClient[] = [];

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(overrides);
  servers.push(server);
  return server;
}

const scrape = async (url: string, token: string | null = TOKEN) => {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('metrics for an operations team', () => {
  it('are off unless configured: /metrics is 404 and shows nothing', async () => {
    const server = await start();
    const res = await scrape(`${server.url}/metrics`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('torg_');
    expect(server.metricsUrl).toBeNull();
  });

  it('need the token on the public port: none and a wrong one are 401 alike', async () => {
    const server = await start({ metrics: { token: TOKEN, port: null, host: '127.0.0.1' } });
    const none = await scrape(`${server.url}/metrics`, null);
    const wrong = await scrape(`${server.url}/metrics`, `${TOKEN.slice(0, -1)}x`);
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(none.text + wrong.text).not.toContain('torg_');
    const right = await scrape(`${server.url}/metrics`);
    expect(right.status).toBe(200);
    expect(right.type).toContain('text/plain');
    expect(right.text).toContain('# TYPE torg_sync_connections gauge');
    expect(right.text).toContain('process_resident_memory_bytes');
  });

  it('count connections, messages, commits, refused writes, closes, exports and refusals', async () => {
    const server = await start({
      metrics: { token: TOKEN, port: null, host: '127.0.0.1' },
      // One upload at once per address: the second is refused by its budget.
      rateLimits: { upload: { burst: 1, perSecond: 0.001 } },
    });
    const read = async () => (await scrape(`${server.url}/metrics`)).text;

    const writer = connectClient(server, 'maalt01');
    clients.push(writer);
    await waitSynced(writer);
    writeShapes(writer.doc, [sticky('lapp1', 'Tillit')], ORIGIN_LOCAL);
    let text = '';
    await waitFor(async () => {
      text = await read();
      return sample(text, 'torg_storage_commit_seconds_count') >= 1;
    }, 'the edit is committed');
    expect(sample(text, 'torg_sync_connections')).toBe(1);
    expect(sample(text, 'torg_documents_loaded')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'torg_sync_messages_total', 'direction="in"')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'torg_sync_messages_total', 'direction="out"')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'torg_sync_bytes_total', 'direction="in"')).toBeGreaterThan(20);

    // An observer may only read: the write is refused and the connection closed (4403).
    const api = apiCaller(() => server.url);
    const w = await createWorkshop(api, { title: 'Målt samling', groups: ['Nord', 'Sør'] });
    const phase = await api('POST', `/workshops/${w.workshopId}/phases`, w.facilitator, {
      name: 'Fremtidsreise',
    });
    const [boardId] = phase.body.boardIds as string[];
    const observer = await w.join('Politiker', 'observer');
    const watcher = connectClient(server, boardId ?? '', undefined, { token: observer.token });
    clients.push(watcher);
    await waitSynced(watcher);
    const closed = new Promise<number>((resolve) =>
      watcher.provider.on('connection-close', (event: { code: number } | null) =>
        resolve(event?.code ?? 0),
      ),
    );
    writeShapes(watcher.doc, [sticky('lapp2', 'Ikke lov')], ORIGIN_LOCAL);
    expect(await closed).toBe(CloseCode.readOnly);
    await waitFor(async () => {
      text = await read();
      return sample(text, 'torg_sync_connections_closed_total', 'code="4403"') === 1;
    }, 'the close is counted');
    expect(sample(text, 'torg_sync_writes_refused_total', 'reason="read-only"')).toBe(1);

    // A board's picture, and an upload over its budget.
    const svg = await fetch(`${server.url}/api/boards/maalt01/export/svg`);
    expect(svg.status).toBe(200);
    const upload = () =>
      fetch(`${server.url}/api/boards/maalt01/assets`, { method: 'POST', body: 'x' });
    await upload();
    expect((await upload()).status).toBe(429);
    // The pool counts an export as its worker's last message is handled, which can come just
    // after the file was sent: waited for (a loaded machine read 0 once).
    await waitFor(async () => {
      text = await read();
      return (
        sample(
          text,
          'torg_export_duration_seconds_count',
          'kind="board",format="svg",outcome="done"',
        ) === 1
      );
    }, 'the export is counted');
    expect(sample(text, 'torg_rate_limited_total', 'budget="upload"')).toBe(1);
    expect(sample(text, 'torg_exports_running')).toBe(0);
  });

  it('a client cannot grow the close codes without bound: odd codes are "other"', async () => {
    const server = await start({ metrics: { token: TOKEN, port: null, host: '127.0.0.1' } });
    for (const code of [3001, 3002, 4999]) {
      const c = connectClient(server, `koder${code}`);
      clients.push(c);
      await waitSynced(c);
      const ws = c.provider.ws as unknown as import('ws').WebSocket;
      const done = closeOf(ws);
      c.provider.shouldConnect = false;
      ws.close(code, 'odd');
      await done;
    }
    await waitFor(async () => {
      const text = (await scrape(`${server.url}/metrics`)).text;
      return sample(text, 'torg_sync_connections_closed_total', 'code="other"') === 3;
    }, 'three odd closes counted as other');
    const text = (await scrape(`${server.url}/metrics`)).text;
    expect(text).not.toMatch(/code="(3001|3002|4999)"/);
  });

  it('on a port of their own: no token needed there, and the public port says 404', async () => {
    const server = await start({ metrics: { token: null, port: 0, host: '127.0.0.1' } });
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const own = await scrape(server.metricsUrl ?? '', null);
    expect(own.status).toBe(200);
    expect(own.text).toContain('torg_sync_connections');
    const onPublic = await scrape(`${server.url}/metrics`, null);
    expect(onPublic.status).toBe(404);
    // Only /metrics is served there.
    expect((await fetch((server.metricsUrl ?? '').replace('/metrics', '/healthz'))).status).toBe(
      404,
    );
  });
});

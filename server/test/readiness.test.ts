import { describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { startTestServer, tempDataDir } from './helpers.js';

/** `/healthz` says the process lives; `/readyz` whether to send it traffic. */
describe('readiness', () => {
  it('is ready when the storage answers; not while the storage is unreachable, nor while draining', async () => {
    const dir = tempDataDir();
    const real = new SqliteStorage(dir);
    let reachable = true;
    // The real storage, with its reads failing while "the database is down".
    const storage = new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === 'getWorkshop' && typeof value === 'function')
          return (...args: unknown[]) =>
            reachable
              ? (value as (...a: unknown[]) => unknown).apply(target, args)
              : Promise.reject(new Error('connection refused'));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Storage;
    const server = await startTestServer({ dataDir: dir, storage });
    const get = async (path: string) => {
      const res = await server.app.request(path);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true } });
    reachable = false;
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: { ready: false, reason: 'storage' },
    });
    // Liveness is another question: the process still answers.
    expect((await get('/healthz')).status).toBe(200);
    reachable = true;
    const closed = server.close();
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: { ready: false, reason: 'draining' },
    });
    await closed;
  });
});

import { Hono } from 'hono';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';

/** How long readiness waits for the storage to answer before it says no. */
const STORAGE_PROBE_MS = 2000;

/**
 * `/healthz`: liveness (the process answers). `/readyz`: readiness for a load balancer or an
 * orchestrator: 503 while the server drains for a shutdown (its keep-alive connections still
 * reach it) and while its storage does not answer, so traffic goes to another server.
 */
export function healthRoutes(deps: {
  registry: DocRegistry;
  connections: () => number;
  storage: Storage;
  draining: () => boolean;
}): Hono {
  const { registry, connections, storage, draining } = deps;
  return new Hono()
    .get('/healthz', (c) =>
      c.json({ ok: true, loadedDocs: registry.loadedCount, connections: connections() }),
    )
    .get('/readyz', async (c) => {
      c.header('Cache-Control', 'no-store');
      if (draining()) return c.json({ ready: false, reason: 'draining' }, 503);
      if (!(await storageAnswers(storage))) return c.json({ ready: false, reason: 'storage' }, 503);
      return c.json({ ready: true });
    });
}

/** A cheap indexed read, bounded in time: an unreachable database must not hang the check. */
async function storageAnswers(storage: Storage): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), STORAGE_PROBE_MS);
  });
  try {
    return await Promise.race([storage.getWorkshop('readyz-probe').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

import { Hono } from 'hono';
import type { DocRegistry } from '../sync/doc-registry.js';

export function healthRoutes(registry: DocRegistry, connections: () => number): Hono {
  return new Hono().get('/', (c) =>
    c.json({ ok: true, loadedDocs: registry.loadedCount, connections: connections() }),
  );
}

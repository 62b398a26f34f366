import { boardDocId, DEFAULT_LIMITS, isValidId, readAllShapes } from '@torg/shared';
import { Hono } from 'hono';
import type { ServerConfig } from '../config.js';
import { CommandError } from '../errors.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { WorkshopService } from '../workshops/service.js';
import { bearer } from './middleware.js';

/** JSON API under /api. Errors are `{ error: <code>, message: <text> }`. */
export function apiRoutes(
  registry: DocRegistry,
  service: WorkshopService,
  config: ServerConfig,
): Hono {
  const api = new Hono();

  api.get('/info', (c) =>
    c.json({
      name: 'torg',
      // Whether a board link of no workshop works (`TORG_OPEN_BOARDS`); the client asks.
      openBoards: config.openBoards === true,
      limits: { maxMessageBytes: config.limits.maxMessageBytes },
      defaults: DEFAULT_LIMITS,
    }),
  );

  /** The board's objects as validated JSON (what exports and scripts read). */
  api.get('/boards/:boardId', async (c) => {
    const boardId = c.req.param('boardId');
    if (!isValidId(boardId)) {
      return c.json({ error: 'invalid_board_id', message: `invalid board id: ${boardId}` }, 400);
    }
    // A workshop's board is for its members only (the same rule as the sync connection).
    const authz = await service.access.authorize(boardDocId(boardId), bearer(c));
    if (authz instanceof CommandError)
      return c.json({ error: authz.code, message: authz.message }, authz.status);
    const shapes = await registry.withRoom(boardDocId(boardId), (room) => readAllShapes(room.doc));
    return c.json({ boardId, shapes });
  });

  api.notFound((c) =>
    c.json({ error: 'not_found', message: `no such endpoint: ${c.req.path}` }, 404),
  );
  return api;
}

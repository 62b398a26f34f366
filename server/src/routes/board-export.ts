import { boardDocId, isValidId, type WorkshopBoard } from '@torg/shared';
import { type Context, Hono } from 'hono';
import type { ServerConfig } from '../config.js';
import { CommandError, errorJson } from '../errors.js';
import type { RenderPool } from '../export/render-pool.js';
import { type ExportSource, liveSource, readBoardData } from '../export/source.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { WorkshopService } from '../workshops/service.js';
import { attachment } from './download.js';
import { type AuthEnv, authenticate, bearer } from './middleware.js';

const FORMATS = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof FORMATS;

function bad(message: string): CommandError {
  return new CommandError(400, 'invalid_query', message);
}

/** The export's format and options from the path and query; a CommandError when invalid. */
function parse(c: Context): { format: Format; scale: 1 | 2; paper: 'a4' | 'a3'; pins: boolean } {
  const format = c.req.param('format') ?? '';
  if (!(format in FORMATS)) throw new CommandError(404, 'not_found', `no such format: ${format}`);
  const scale = c.req.query('scale') ?? '1';
  if (scale !== '1' && scale !== '2') throw bad('scale must be 1 or 2');
  const paper = (c.req.query('paper') ?? 'a4').toLowerCase();
  if (paper !== 'a4' && paper !== 'a3') throw bad('paper must be a4 or a3');
  const pins = c.req.query('pins') ?? '0';
  if (pins !== '0' && pins !== '1') throw bad('pins must be 0 or 1');
  return { format: format as Format, scale: scale === '2' ? 2 : 1, paper, pins: pins === '1' };
}

async function respond(
  c: Context,
  pool: RenderPool,
  source: ExportSource,
  board: WorkshopBoard,
  opts: ReturnType<typeof parse>,
): Promise<Response> {
  // Drawn on a worker thread; a client that goes away stops it.
  const file = await pool.run(
    { kind: 'board', board, ...opts },
    source,
    undefined,
    c.req.raw.signal,
  );
  return c.body(new Uint8Array(file.bytes), 200, {
    'Content-Type': FORMATS[opts.format],
    'Content-Disposition': attachment(`${board.name || 'tavle'}.${opts.format}`),
    // Boards are often about vulnerable people: nothing is kept in shared caches.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * Per-board exports as SVG, PNG (`scale=1|2`) or a vector PDF (`paper=a4|a3`), comment pins
 * with `pins=1`:
 * - `GET /workshops/:workshopId/boards/:boardId/export/:format` — any member of the workshop
 *   (a bearer token); 404 for a board that is not the workshop's.
 * - `GET /boards/:boardId/export/:format` — open scratch boards, no token (as they are open
 *   to anyone with the link); a workshop's board here needs its token like everywhere else.
 */
export function boardExportRoutes(deps: {
  service: WorkshopService;
  registry: DocRegistry;
  storage: Storage;
  config: ServerConfig;
  renderPool: RenderPool;
}): Hono<AuthEnv> {
  const { service, config } = deps;
  const source = liveSource(deps.registry, deps.storage);
  const routes = new Hono<AuthEnv>();

  routes.get(
    '/workshops/:workshopId/boards/:boardId/export/:format',
    authenticate(service),
    async (c) => {
      const opts = parse(c);
      const state = await service.state(c.get('identity').workshopId);
      const board = state.boards.find((b) => b.id === c.req.param('boardId'));
      if (!board) return errorJson(c, new CommandError(404, 'not_found', 'no such board'));
      config.logger.info('export.board', { boardId: board.id, format: opts.format });
      return respond(c, deps.renderPool, source, board, opts);
    },
  );

  routes.get('/boards/:boardId/export/:format', async (c) => {
    const boardId = c.req.param('boardId');
    if (!isValidId(boardId))
      return errorJson(c, new CommandError(404, 'not_found', 'no such board'));
    const opts = parse(c);
    const authz = await service.access.authorize(boardDocId(boardId), bearer(c));
    if (authz instanceof CommandError) return errorJson(c, authz);
    let board: WorkshopBoard | undefined;
    if (authz.workshopId) {
      board = (await service.state(authz.workshopId)).boards.find((b) => b.id === boardId);
    } else {
      // An open board exists once something was drawn on it; an unknown id is not a board.
      const shapes = (await readBoardData(source, scratchBoard(boardId))).shapes;
      if (shapes.length > 0) board = scratchBoard(boardId);
    }
    if (!board) return errorJson(c, new CommandError(404, 'not_found', 'no such board'));
    config.logger.info('export.board', { boardId, format: opts.format });
    return respond(c, deps.renderPool, source, board, opts);
  });

  return routes;
}

function scratchBoard(id: string): WorkshopBoard {
  return {
    id,
    name: `Tavle ${id}`,
    groupId: null,
    phaseId: null,
    template: 'blank',
    archived: false,
    locked: false,
    createdAt: 0,
  };
}

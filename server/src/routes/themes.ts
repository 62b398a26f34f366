import { findThemesBody, placeThemesBody, reviewThemesBody } from '@torg/shared';
import { type Context, Hono } from 'hono';
import type { WorkshopService } from '../workshops/service.js';
import { type AuthEnv, authenticate, body, requireRole } from './middleware.js';

/**
 * Themes across boards (see docs/workshops-api.md "Themes"): facilitators find a phase's
 * themes, review them step by step and place them on a plenary board.
 */
export function themeRoutes(service: WorkshopService): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const wid = (c: Context<AuthEnv>) => c.get('identity').workshopId;

  api.post('/workshops/:workshopId/themes', ...facilitator, async (c) => {
    const { phaseId, boardIds } = await body(c, findThemesBody);
    return c.json(await service.themes.find(wid(c), phaseId, boardIds));
  });
  api.get('/workshops/:workshopId/themes/:phaseId', ...facilitator, async (c) =>
    c.json({ set: await service.themes.get(wid(c), c.req.param('phaseId')) }),
  );
  api.post('/workshops/:workshopId/themes/:phaseId/review', ...facilitator, async (c) =>
    c.json(
      await service.themes.review(wid(c), c.req.param('phaseId'), await body(c, reviewThemesBody)),
    ),
  );
  api.post('/workshops/:workshopId/themes/:phaseId/place', ...facilitator, async (c) =>
    c.json(
      await service.themes.place(
        wid(c),
        c.req.param('phaseId'),
        (await body(c, placeThemesBody)).boardId,
      ),
    ),
  );
  return api;
}

import { renameBody, saveTemplateBody } from '@torg/shared';
import { type Context, Hono } from 'hono';
import type { WorkshopService } from '../workshops/service.js';
import type { TemplateLibrary } from '../workshops/template-library.js';
import { type AuthEnv, authenticate, body, requireRole } from './middleware.js';

/**
 * Saved templates (see docs/templates.md). A facilitator token of a workshop works with the
 * templates of that workshop's owner (the account, its organisation, or the administrator);
 * others' templates are 404.
 */
export function templateRoutes(service: WorkshopService, library: TemplateLibrary): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const tid = (c: Context<AuthEnv>) => c.req.param('templateId') ?? '';
  const wid = (c: Context<AuthEnv>) => c.get('identity').workshopId;

  api.post('/workshops/:workshopId/templates', ...facilitator, async (c) => {
    const { boardId, name } = await body(c, saveTemplateBody);
    const templateId = await library.save(wid(c), boardId, name);
    return c.json({ templateId }, 201);
  });

  api.get('/templates', ...facilitator, async (c) => c.json(await library.list(wid(c))));

  api.get('/templates/:templateId', ...facilitator, async (c) =>
    c.json(await library.get(wid(c), tid(c))),
  );

  api.patch('/templates/:templateId', ...facilitator, async (c) => {
    await library.rename(wid(c), tid(c), (await body(c, renameBody)).name);
    return c.json({ ok: true });
  });

  api.delete('/templates/:templateId', ...facilitator, async (c) => {
    await library.remove(wid(c), tid(c));
    return c.body(null, 204);
  });

  return api;
}

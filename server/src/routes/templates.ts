import { dayPlanOf, renameBody, saveTemplateBody } from '@torg/shared';
import { type Context, Hono } from 'hono';
import { CommandError } from '../errors.js';
import type { WorkshopService } from '../workshops/service.js';
import type { TemplateLibrary } from '../workshops/template-library.js';
import { type AuthEnv, authenticate, body, requireRole } from './middleware.js';

/**
 * Saved templates (see docs/templates.md): boards' objects, and plans of a gathering's day. A facilitator token of a workshop works with the
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

  // The workshop's plan of the day as it stands, kept as a gathering template.
  api.post('/workshops/:workshopId/agenda/template', ...facilitator, async (c) => {
    const { name } = await body(c, renameBody);
    const { agenda } = await service.docs.state(wid(c));
    if (!agenda || agenda.steps.length === 0)
      throw new CommandError(409, 'empty_agenda', 'the plan of the day has no steps');
    const templateId = await library.savePlan(wid(c), name, dayPlanOf(agenda));
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

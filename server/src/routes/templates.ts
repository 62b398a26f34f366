import { bringBody, renameBody } from '@torg/shared';
import { type Context, Hono } from 'hono';
import { CommandError, type WorkshopService } from '../workshops/service.js';
import type { TemplateLibrary } from '../workshops/template-library.js';
import { type AuthEnv, authenticate, body, errorJson, requireRole } from './middleware.js';

/** `{ boardId, name }`: the board to snapshot and the template's name (1–80 characters). */
const saveTemplateBody = renameBody.extend({ boardId: bringBody.shape.boardId });

/**
 * Saved templates (see docs/templates.md). Saving needs a facilitator of the board's
 * workshop; the library itself is the server's, so any facilitator token reads and edits it.
 */
export function templateRoutes(service: WorkshopService, library: TemplateLibrary): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const tid = (c: Context<AuthEnv>) => c.req.param('templateId') ?? '';

  api.onError((err, c) => {
    if (err instanceof CommandError) return errorJson(c, err);
    throw err;
  });

  api.post('/workshops/:workshopId/templates', ...facilitator, async (c) => {
    const { boardId, name } = await body(c, saveTemplateBody);
    const templateId = await library.save(c.get('identity').workshopId, boardId, name);
    return c.json({ templateId }, 201);
  });

  api.get('/templates', ...facilitator, async (c) => c.json(await library.list()));

  api.get('/templates/:templateId', ...facilitator, async (c) => c.json(await library.get(tid(c))));

  api.patch('/templates/:templateId', ...facilitator, async (c) => {
    await library.rename(tid(c), (await body(c, renameBody)).name);
    return c.json({ ok: true });
  });

  api.delete('/templates/:templateId', ...facilitator, async (c) => {
    await library.remove(tid(c));
    return c.body(null, 204);
  });

  return api;
}

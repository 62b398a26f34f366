import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ownerOf, requireCreator } from '../accounts/gate.js';
import type { AppDeps } from '../app-deps.js';
import { DEFAULT_MAX_IMPORT_BYTES } from '../config.js';
import { CommandError } from '../errors.js';
import { exportBackup, importBackup } from '../export/backup.js';
import { liveSource } from '../export/source.js';
import { fileStem } from '../export/workshop-names.js';
import { attachment } from './download.js';
import { type AuthEnv, authenticate, requireRole } from './middleware.js';

/**
 * Backup and import (see docs/workshops-api.md): `GET /workshops/:workshopId/backup`
 * (facilitator) downloads the whole workshop; `POST /workshops/import` (like creating a
 * workshop: a facilitator session, who then owns it, or the administrator token) restores
 * one with new codes and a new facilitator token.
 */
export function importRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { config, registry, storage, service, tokens } = deps;
  const maxBytes = config.limits.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const api = new Hono<AuthEnv>();

  const tooLarge = (c: Context) =>
    c.json({ error: 'too_large', message: `a backup may be at most ${maxBytes} bytes` }, 413);

  api.post(
    '/workshops/import',
    requireCreator(deps.accounts),
    async (c, next) => {
      // A declared oversize body is refused before any of it is read.
      if (Number(c.req.header('content-length') ?? 0) > maxBytes) return tooLarge(c);
      await next();
    },
    bodyLimit({ maxSize: maxBytes, onError: tooLarge }),
    async (c) => {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new CommandError(400, 'invalid_backup', 'the backup must be a JSON file');
      }
      const imported = await importBackup(
        {
          storage,
          registry,
          tokens,
          logger: config.logger,
          maxImageBytes: config.limits.maxImageBytes,
          maxImagePixels: config.limits.maxImagePixels,
          ownerId: ownerOf(c.get('creator')).ownerId,
        },
        raw,
      );
      return c.json(imported, 201);
    },
  );

  api.get(
    '/workshops/:workshopId/backup',
    authenticate(service),
    requireRole('facilitator'),
    async (c) => {
      const backup = await exportBackup(
        liveSource(registry, storage),
        c.get('identity').workshopId,
      );
      c.header(
        'Content-Disposition',
        attachment(`${fileStem(backup.workshop.title)}-sikkerhetskopi.json`),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(backup);
    },
  );

  return api;
}

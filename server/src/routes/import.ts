import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app.js';
import { loadSecret, TokenSigner } from '../auth/tokens.js';
import { exportBackup, importBackup } from '../export/backup.js';
import { liveSource } from '../export/source.js';
import { CommandError } from '../workshops/service.js';
import { type AuthEnv, authenticate, errorJson, requireRole } from './middleware.js';

/** Largest import body accepted when `TORG_MAX_IMPORT_BYTES` is not set: 200 MB. */
export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The import body limit: `TORG_MAX_IMPORT_BYTES` (bytes), else the default. */
export function maxImportBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TORG_MAX_IMPORT_BYTES);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_IMPORT_BYTES;
}

/** `attachment` with the title as file name; RFC 5987 `filename*` keeps æøå. */
export function backupDisposition(title: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'samling';
  const name = `${base}-sikkerhetskopi.json`;
  // For old clients: å → a (its ring dropped), æ and ø → _.
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Backup and import (see docs/workshops-api.md): `GET /workshops/:workshopId/backup`
 * (facilitator) downloads the whole workshop; `POST /workshops/import` (anyone, like creating
 * a workshop) restores one with new codes and a new facilitator token.
 */
export function importRoutes(deps: AppDeps): Hono<AuthEnv> {
  const { config, registry, storage, service } = deps;
  // The same secret as the service's signer (the configured one, or the data dir's file).
  const tokens = new TokenSigner(loadSecret(config.dataDir, config.secret));
  const maxBytes = maxImportBytes();
  const api = new Hono<AuthEnv>();

  api.onError((err, c) => {
    if (err instanceof CommandError) return errorJson(c, err);
    throw err;
  });

  const tooLarge = (c: Context) =>
    c.json({ error: 'too_large', message: `a backup may be at most ${maxBytes} bytes` }, 413);

  api.post(
    '/workshops/import',
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
      c.header('Content-Disposition', backupDisposition(backup.workshop.title));
      c.header('Cache-Control', 'no-store');
      return c.json(backup);
    },
  );

  return api;
}

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_MAX_IMPORT_BYTES,
  DEFAULT_MAX_JSON_BYTES,
  type ServerConfig,
} from '../config.js';

/** Routes that take more than JSON; they count their own streamed bytes after authorising. */
const IMAGE_UPLOAD = /^\/api\/boards\/[^/]+\/assets$/;
const BACKUP_IMPORT = /^\/api\/workshops\/import$/;

/**
 * A body limit on every request under /api and /auth, by path: image uploads
 * `maxImageBytes`, the backup import `maxImportBytes`, everything else `maxJsonBytes`.
 *
 * A declared Content-Length over the limit is answered 413 `too_large` before a byte of the
 * body is read. A body without one (chunked) is counted as it arrives and refused as soon as
 * it passes the limit; for uploads and imports that count is made by their routes, after
 * they have checked who is sending, so a stranger's stream is never read at all. With a
 * Content-Length, Node's HTTP parser delivers no more than the declared length.
 */
export function bodyLimits(config: ServerConfig): MiddlewareHandler {
  const { limits } = config;
  const json = limits.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const image = limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const backup = limits.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const tooLarge = (max: number) => (c: Context) =>
    c.json({ error: 'too_large', message: `the request body may be at most ${max} bytes` }, 413);
  const countJson = bodyLimit({ maxSize: json, onError: tooLarge(json) });
  return async (c, next) => {
    const post = c.req.method === 'POST';
    const ownCount =
      post && IMAGE_UPLOAD.test(c.req.path)
        ? image
        : post && BACKUP_IMPORT.test(c.req.path)
          ? backup
          : null;
    const max = ownCount ?? json;
    const declared = c.req.header('content-length');
    // Malformed lengths are Node's to refuse (400) before we are called; NaN passes here.
    if (declared !== undefined && Number(declared) > max) return tooLarge(max)(c);
    if (ownCount !== null) return next();
    return countJson(c, next);
  };
}

import { boardDocId, isValidId, newId } from '@torg/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type ImageRefusalReason,
  ImageRefused,
  type NormalisedImage,
  normaliseImage,
} from '../assets/normalise.js';
import { DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_PIXELS, type ServerConfig } from '../config.js';
import { CommandError } from '../errors.js';
import type { AssetStorage } from '../storage/storage.js';
import type { WorkshopService } from '../workshops/service.js';
import { bearer } from './middleware.js';

/**
 * How a refused upload is answered: 415 not an image of ours; 413 `too_many_pixels` (too
 * large, in pixels rather than bytes, so a client's "too large" handling applies) and 413
 * `too_large` (a re-encoded copy much larger than the upload, see `storedBytesAllowed`); 422 an
 * image that cannot be decoded completely; 503 when the server is decoding as many images as
 * it will at once (with Retry-After).
 */
const REFUSAL_STATUS = {
  unsupported_type: 415,
  too_many_pixels: 413,
  too_large: 413,
  undecodable_image: 422,
  busy: 503,
} as const satisfies Record<ImageRefusalReason, number>;

/**
 * Image uploads under /api: `POST /boards/:boardId/assets` takes the raw image bytes,
 * `GET /assets/:assetId` serves them. Errors are `{ error: <code>, message: <text> }`.
 */
export function assetRoutes(
  storage: AssetStorage,
  service: WorkshopService,
  config: ServerConfig,
): Hono {
  const { logger } = config;
  const maxBytes = config.limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const maxPixels = config.limits.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const assets = new Hono();

  const tooLarge = (c: Context) =>
    c.json({ error: 'too_large', message: `images may be at most ${maxBytes} bytes` }, 413);

  assets.post(
    '/boards/:boardId/assets',
    async (c, next) => {
      const boardId = c.req.param('boardId');
      if (!isValidId(boardId)) {
        return c.json({ error: 'invalid_board_id', message: `invalid board id: ${boardId}` }, 400);
      }
      // Refuse a declared oversize body before reading any of it. bodyLimit checks this
      // too, but skips it when Transfer-Encoding is also present.
      if (Number(c.req.header('content-length') ?? 0) > maxBytes) return tooLarge(c);
      // On a workshop's board, only those who may write its content may add images.
      const authz = await service.access.authorize(boardDocId(boardId), bearer(c));
      if (authz instanceof CommandError)
        return c.json({ error: authz.code, message: authz.message }, authz.status);
      if (authz.access !== 'write')
        return c.json({ error: 'read_only', message: 'this board is read-only for you' }, 403);
      await next();
    },
    // Without Content-Length (a streamed, chunked body) this counts the bytes as they come
    // and stops reading once the limit is passed. With Content-Length, Node's HTTP parser
    // delivers no more than the declared length, which was checked above.
    bodyLimit({ maxSize: maxBytes, onError: tooLarge }),
    async (c) => {
      const boardId = c.req.param('boardId');
      const data = new Uint8Array(await c.req.arrayBuffer());
      // The type comes from the bytes alone (Content-Type and file name are the sender's
      // word), and what is stored is our own re-encoded copy, never the uploaded bytes.
      let image: NormalisedImage;
      try {
        image = await normaliseImage(data, { maxPixels, wait: false, maxImageBytes: maxBytes });
      } catch (err) {
        if (!(err instanceof ImageRefused)) throw err;
        logger.info('asset.refused', { boardId, bytes: data.length, reason: err.reason });
        const status = REFUSAL_STATUS[err.reason];
        if (err.reason === 'busy') c.header('Retry-After', '2');
        return c.json({ error: err.reason, message: err.message }, status);
      }
      const assetId = newId();
      // Answered only after the write has committed (synchronous=FULL), so a client that
      // got its 201 can put the URL on the board and rely on it.
      await storage.putAsset({ id: assetId, boardId, ...image });
      const { mime, width, height } = image;
      logger.info('asset.stored', { assetId, boardId, mime, bytes: image.data.length });
      return c.json({ assetId, mime, width, height, url: `/api/assets/${assetId}` }, 201);
    },
  );

  assets.get('/assets/:assetId', async (c) => {
    const assetId = c.req.param('assetId');
    const asset = isValidId(assetId) ? await storage.getAsset(assetId) : null;
    if (!asset) return c.json({ error: 'not_found', message: 'no such asset' }, 404);
    return c.body(asset.data, 200, {
      'Content-Type': asset.mime,
      // An asset never changes under its id, so browsers may keep it for good.
      'Cache-Control': 'public, max-age=31536000, immutable',
      // The stored type was sniffed by us; browsers must not guess another one (e.g. HTML).
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    });
  });

  return assets;
}

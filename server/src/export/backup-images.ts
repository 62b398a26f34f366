import { ImageRefused, normaliseImage } from '../assets/normalise.js';
import { DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_PIXELS } from '../config.js';
import { CommandError } from '../errors.js';
import type { NewAsset } from '../storage/storage.js';

/**
 * A backup's images are stored as an upload's would be: re-encoded within the pixel limit and
 * 4096 px a side, without metadata, under their own ids (the boards refer to them). A backup
 * is as untrusted as an upload: it may have been edited by hand. One image that cannot be
 * stored so refuses the whole import (400 `invalid_backup`), before anything is written.
 */
export async function normaliseBackupImages(
  assets: readonly NewAsset[],
  limits: { maxImagePixels?: number; maxImageBytes?: number },
): Promise<NewAsset[]> {
  const maxPixels = limits.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const maxImageBytes = limits.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const out: NewAsset[] = [];
  for (const [i, a] of assets.entries()) {
    try {
      // One image at a time, waiting for a decode slot: an import is one request.
      out.push({
        ...a,
        ...(await normaliseImage(a.data, { maxPixels, wait: true, maxImageBytes })),
      });
    } catch (err) {
      if (err instanceof ImageRefused)
        throw new CommandError(400, 'invalid_backup', `assets.${i}: ${err.message}`);
      throw err;
    }
  }
  return out;
}

import type { StoredAsset } from '../storage/storage.js';
import { normaliseImage, withinBounds } from './normalise.js';
import { sniffImage } from './sniff.js';

/**
 * An asset as exports may hand it to their renderers (resvg, pdfkit, DOCX): images stored
 * before uploads were normalised may be of any size, and a renderer decodes on whatever
 * thread it runs on, without a pixel limit. Within bounds (by its stored size and by its
 * own header) an asset passes through untouched; larger ones are scaled down by sharp under
 * the same limits as an upload; one that cannot be (over the pixel limit, corrupt, not an
 * image) is left out, as a missing image would be.
 */
export async function boundedAsset(
  asset: StoredAsset | null,
  maxPixels: number,
): Promise<StoredAsset | null> {
  if (!asset) return null;
  const header = sniffImage(asset.data);
  if (!header) return null;
  if (
    withinBounds(asset.width, asset.height, maxPixels) &&
    withinBounds(header.width, header.height, maxPixels)
  )
    return asset;
  try {
    // Waits for a decode slot rather than failing an export because uploads are busy.
    return { ...asset, ...(await normaliseImage(asset.data, { maxPixels, wait: true })) };
  } catch {
    return null;
  }
}

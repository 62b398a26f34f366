import type { Sharp } from 'sharp';
import { DecodeBusy, imageDecodes } from './decode-slots.js';
import { type ImageMime, sniffImage } from './sniff.js';

/**
 * Untrusted image bytes in, a safe stored copy out: the header is checked first (type and
 * declared pixel count, without decoding), then the image is decoded and re-encoded by
 * sharp/libvips, off the event loop, with the pixel limit enforced by the decoder too. The
 * copy is upright (EXIF orientation applied), at most `MAX_STORED_SIDE` on its longest side,
 * and carries no metadata at all: sharp writes none unless told to (no EXIF, so no GPS
 * position or camera serial; no XMP; no ICC profile — colours are converted to sRGB).
 */

/**
 * sharp (libvips, about 16 MB) is loaded with the first image, not with the server: most
 * servers start, and many run for hours, without one.
 */
let loaded: Promise<typeof import('sharp')> | null = null;
function loadSharp(): Promise<typeof import('sharp')> {
  loaded ??= import('sharp').then((m) => {
    const sharp = m.default;
    // libvips keeps recently decoded images and operation results in a cache (up to 50 MB)
    // for reuse; for one-off untrusted uploads that is only memory held after the answer.
    sharp.cache(false);
    // Threads libvips uses per image. Each decode already holds one of our slots (see
    // `decode-slots.ts`); one thread each keeps the CPU work of all decodes at the slot count.
    sharp.concurrency(1);
    return m;
  });
  return loaded;
}

/** The longest side of a stored image; larger images are scaled down to fit, never up. */
export const MAX_STORED_SIDE = 4096;

/** A decode that takes longer than this is aborted (a pathological file, not a photo). */
const DECODE_TIMEOUT_SECONDS = 30;

export interface NormalisedImage {
  mime: ImageMime;
  width: number;
  height: number;
  data: Uint8Array<ArrayBuffer>;
}

export type ImageRefusalReason =
  /** Not PNG, JPEG, GIF or WebP by its bytes. */
  | 'unsupported_type'
  /** Declares (or decodes to) more pixels than the limit. */
  | 'too_many_pixels'
  /** Looks like an image but cannot be decoded completely (truncated, corrupt). */
  | 'undecodable_image'
  /** Too many images are being processed already; try again shortly. */
  | 'busy'
  /** The re-encoded copy would be larger than `storedBytesAllowed` lets it be. */
  | 'too_large';

export class ImageRefused extends Error {
  constructor(
    readonly reason: ImageRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface NormaliseOptions {
  /** Largest width × height accepted, declared or decoded. */
  maxPixels: number;
  /** Wait for a decode slot (imports, exports) or be refused with `busy` when the queue is full (uploads). */
  wait: boolean;
  /**
   * The server's upload byte limit, for a copy that is stored (see `storedBytesAllowed`);
   * none for copies that are only rendered (exports).
   */
  maxImageBytes?: number;
}

/**
 * How large a stored copy may be. Re-encoding can inflate: a 67 KB PNG of diagonal stripes,
 * scaled from 4200 to 4096 px wide, no longer compresses and comes out at 7 MB; a low-quality
 * JPEG saved again at our quality grows too. A copy may be four times its upload (at least
 * 1 MiB, so a small image is never refused for it) and never more than twice the byte limit,
 * so one request cannot put much more on disk than it sent.
 */
export function storedBytesAllowed(uploadBytes: number, maxImageBytes: number): number {
  return Math.min(2 * maxImageBytes, Math.max(4 * uploadBytes, 1024 * 1024));
}

/** Whether an image of this size may be stored or rendered as it is. */
export function withinBounds(width: number, height: number, maxPixels: number): boolean {
  return width <= MAX_STORED_SIDE && height <= MAX_STORED_SIDE && width * height <= maxPixels;
}

export async function normaliseImage(
  bytes: Uint8Array,
  opts: NormaliseOptions,
): Promise<NormalisedImage> {
  const header = sniffImage(bytes);
  if (!header)
    throw new ImageRefused('unsupported_type', 'only PNG, JPEG, GIF and WebP images are accepted');
  // The cheap check: a 45-byte file may declare 20000×20000; it is refused before any decoder
  // allocates for it.
  if (header.width * header.height > opts.maxPixels) throw tooManyPixels(opts.maxPixels);
  try {
    const image = await imageDecodes.run(() => reencode(bytes, header.mime, opts.maxPixels), opts);
    const allowed =
      opts.maxImageBytes === undefined
        ? Number.POSITIVE_INFINITY
        : storedBytesAllowed(bytes.length, opts.maxImageBytes);
    if (image.data.length > allowed)
      throw new ImageRefused('too_large', 'the image is too large once re-encoded');
    return image;
  } catch (err) {
    if (err instanceof ImageRefused) throw err;
    if (err instanceof DecodeBusy) throw new ImageRefused('busy', err.message);
    // sharp's own words for its limit; the header may understate what the decoder finds.
    if (err instanceof Error && /pixel limit/i.test(err.message))
      throw tooManyPixels(opts.maxPixels);
    throw new ImageRefused('undecodable_image', 'the image could not be read completely');
  }
}

function tooManyPixels(maxPixels: number): ImageRefused {
  return new ImageRefused(
    'too_many_pixels',
    `images may have at most ${maxPixels.toLocaleString('en')} pixels (width × height)`,
  );
}

async function reencode(
  bytes: Uint8Array,
  mime: ImageMime,
  maxPixels: number,
): Promise<NormalisedImage> {
  const sharp = (await loadSharp()).default;
  const pipeline = sharp(bytes, {
    limitInputPixels: maxPixels,
    // 'error' refuses truncated and corrupt pixel data. The strictest level, 'warning', also
    // refuses the harmless oddities real cameras write (e.g. extraneous bytes between JPEG
    // markers); the decoder has coped with those already and the copy we write is clean.
    failOn: 'error',
    autoOrient: true,
    // Only the first frame of an animated GIF or WebP: a board shows a still picture, and
    // decoding every frame would multiply the cost by the frame count.
    pages: 1,
  })
    .resize({
      width: MAX_STORED_SIDE,
      height: MAX_STORED_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS });
  const out = await encoderFor(pipeline, mime, bytes).toBuffer({ resolveWithObject: true });
  const stored = outputMime(mime);
  // The copy is what we wrote, so its header must agree with what sharp reports.
  const check = sniffImage(out.data);
  if (!check || check.mime !== stored || !withinBounds(check.width, check.height, maxPixels))
    throw new ImageRefused('undecodable_image', 'the image could not be re-encoded');
  return {
    mime: stored,
    width: out.info.width,
    height: out.info.height,
    data: toOwnBuffer(out.data),
  };
}

/**
 * GIF is stored as PNG (first frame): writing GIF means quantising colours again (lossy and
 * slow), while PNG keeps the frame's ≤256 colours exactly, and the PDF export can embed PNG
 * but not GIF. Every other type keeps its own, so a photo stays a JPEG and a screenshot a PNG.
 */
function outputMime(input: ImageMime): ImageMime {
  return input === 'image/gif' ? 'image/png' : input;
}

function encoderFor(pipeline: Sharp, mime: ImageMime, bytes: Uint8Array): Sharp {
  switch (mime) {
    case 'image/jpeg':
      return pipeline.jpeg({ quality: 85 });
    case 'image/webp':
      // A lossless WebP (a screenshot, a diagram) stays lossless.
      return pipeline.webp(isLosslessWebp(bytes) ? { lossless: true } : { quality: 85 });
    default:
      // Adaptive filtering costs some CPU but keeps re-encoded screenshots and photos near
      // their original size (a stored copy should not be much larger than the upload).
      return pipeline.png({ compressionLevel: 6, adaptiveFiltering: true });
  }
}

/** A VP8L bitstream as the first chunk, or right after the 18-byte VP8X header chunk. */
function isLosslessWebp(bytes: Uint8Array): boolean {
  const fourcc = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  return fourcc(12) === 'VP8L' || (fourcc(12) === 'VP8X' && fourcc(30) === 'VP8L');
}

/** Storage keeps a buffer of its own (not a view into Node's shared pool). */
function toOwnBuffer(buf: Buffer): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(buf.length);
  copy.set(buf);
  return copy;
}

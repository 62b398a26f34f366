/**
 * Image type detection from the content itself. The Content-Type header and the file name
 * are chosen by the uploader, so they decide nothing: an HTML page sent as `photo.png`
 * must not come back from our origin as something a browser would render. Only raster
 * formats are accepted; SVG is refused because it can carry scripts.
 *
 * This reads the header only (type and declared pixel size), so that a declared size over
 * the limit is refused before any decoder sees the file; `normalise.ts` then decodes and
 * re-encodes what passes.
 */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface SniffedImage {
  mime: ImageMime;
  width: number;
  height: number;
}

export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const r = new Reader(bytes);
  const found = sniffPng(r) ?? sniffJpeg(r) ?? sniffGif(r) ?? sniffWebp(r);
  // A zero-sized image is not something a participant can place on a board.
  return found && found.width > 0 && found.height > 0 ? found : null;
}

/** Bounds-checked reads: every out-of-range read gives -1, so truncated files fail cleanly. */
class Reader {
  constructor(readonly bytes: Uint8Array) {}

  get length(): number {
    return this.bytes.length;
  }
  u8(at: number): number {
    return at >= 0 && at < this.bytes.length ? (this.bytes[at] ?? -1) : -1;
  }
  u16be(at: number): number {
    return at + 2 <= this.bytes.length ? (this.u8(at) << 8) | this.u8(at + 1) : -1;
  }
  u16le(at: number): number {
    return at + 2 <= this.bytes.length ? this.u8(at) | (this.u8(at + 1) << 8) : -1;
  }
  u24le(at: number): number {
    return at + 3 <= this.bytes.length ? this.u16le(at) | (this.u8(at + 2) << 16) : -1;
  }
  u32be(at: number): number {
    // `>>> 0` keeps values ≥ 2^31 positive (a PNG may declare them; they are refused later).
    return at + 4 <= this.bytes.length ? ((this.u16be(at) << 16) | this.u16be(at + 2)) >>> 0 : -1;
  }
  u32le(at: number): number {
    return at + 4 <= this.bytes.length ? ((this.u16le(at + 2) << 16) | this.u16le(at)) >>> 0 : -1;
  }
  /** True if the bytes at `at` are exactly `ascii` (or the given byte values). */
  is(at: number, expected: string | readonly number[]): boolean {
    const values =
      typeof expected === 'string' ? [...expected].map((ch) => ch.charCodeAt(0)) : expected;
    return values.every((v, i) => this.u8(at + i) === v);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The PNG spec caps dimensions at 2^31 - 1. */
const PNG_MAX_DIMENSION = 0x7fffffff;

/** PNG: signature, then IHDR must be the first chunk (length 13, width and height BE). */
function sniffPng(r: Reader): SniffedImage | null {
  if (!r.is(0, PNG_SIGNATURE) || r.u32be(8) !== 13 || !r.is(12, 'IHDR')) return null;
  const width = r.u32be(16);
  const height = r.u32be(20);
  if (width < 0 || height < 0 || width > PNG_MAX_DIMENSION || height > PNG_MAX_DIMENSION) {
    return null;
  }
  return { mime: 'image/png', width, height };
}

/**
 * JPEG: SOI, then marker segments until a start-of-frame (SOFn) holds the size. The size
 * is not at a fixed offset (EXIF, ICC and other APPn segments come first, and their
 * payloads may contain bytes that look like markers), so every segment is skipped by its
 * declared length.
 */
function sniffJpeg(r: Reader): SniffedImage | null {
  if (!r.is(0, [0xff, 0xd8, 0xff])) return null;
  let at = 2;
  while (at < r.length) {
    if (r.u8(at) !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (r.u8(at) === 0xff) at++;
    const marker = r.u8(at);
    at++;
    if (marker < 0) return null;
    // Markers without a length field: TEM and RST0–7 (SOI cannot repeat).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    // End of image or start of scan before any frame header: no size to be had.
    if (marker === 0xd9 || marker === 0xda || marker === 0xd8 || marker === 0x00) return null;
    const length = r.u16be(at);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2)
      const height = r.u16be(at + 3);
      const width = r.u16be(at + 5);
      if (length < 7 || height < 0 || width < 0) return null;
      return { mime: 'image/jpeg', width, height };
    }
    at += length;
  }
  return null;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** GIF: "GIF87a" or "GIF89a", then the logical screen size (LE). */
function sniffGif(r: Reader): SniffedImage | null {
  if (!r.is(0, 'GIF87a') && !r.is(0, 'GIF89a')) return null;
  const width = r.u16le(6);
  const height = r.u16le(8);
  if (width < 0 || height < 0) return null;
  return { mime: 'image/gif', width, height };
}

/** WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function sniffWebp(r: Reader): SniffedImage | null {
  if (!r.is(0, 'RIFF') || !r.is(8, 'WEBP')) return null;
  const data = 20; // first chunk: fourcc at 12, size at 16, payload at 20
  if (r.u32le(16) < 0) return null;
  if (r.is(12, 'VP8 ')) {
    // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, then 14-bit
    // width and height (the top two bits are the scale).
    if ((r.u8(data) & 1) !== 0 || !r.is(data + 3, [0x9d, 0x01, 0x2a])) return null;
    const w = r.u16le(data + 6);
    const h = r.u16le(data + 8);
    if (w < 0 || h < 0) return null;
    return { mime: 'image/webp', width: w & 0x3fff, height: h & 0x3fff };
  }
  if (r.is(12, 'VP8L')) {
    // Signature 0x2F, then 14 bits width - 1, 14 bits height - 1, alpha bit, 3-bit version 0.
    const bits = r.u32le(data + 1);
    if (r.u8(data) !== 0x2f || bits < 0 || bits >>> 29 !== 0) return null;
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (r.is(12, 'VP8X')) {
    // Flags (1), reserved (3), canvas width - 1 (24 bits LE), canvas height - 1 (24 bits LE).
    const w = r.u24le(data + 4);
    const h = r.u24le(data + 7);
    if (w < 0 || h < 0) return null;
    return { mime: 'image/webp', width: w + 1, height: h + 1 };
  }
  return null;
}

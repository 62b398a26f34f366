import { deflateSync } from 'node:zlib';

/**
 * Real, tiny images of every accepted type, built byte by byte so the tests need no binary
 * fixtures. Each one decodes in Chromium with the stated size (checked when they were
 * written); the sniffer only reads headers, but the upload tests should send what a
 * browser would really show.
 */

function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));
const u16be = (n: number): number[] => [(n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
const u24le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
const u32be = (n: number): number[] => [...u16be(n >>> 16), ...u16be(n & 0xffff)];
const u32le = (n: number): number[] => [...u16le(n & 0xffff), ...u16le(n >>> 16)];

// CRC-32 as PNG chunks need it (zlib.crc32 only exists from Node 20.15 on).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array | readonly number[]): Uint8Array {
  const body = concat([ascii(type), data]);
  return concat([u32be(body.length - 4), body, u32be(crc32(body))]);
}

const PNG_CHUNK_OVERHEAD = 12; // length, type, CRC

/**
 * An 8-bit RGB PNG with a colour gradient. `padTo` grows the file to exactly that many
 * bytes with a text chunk (ancillary: decoders show the image unchanged).
 */
export function png(width: number, height: number, opts: { padTo?: number } = {}): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // filter byte 0 (none), then RGB triples
    for (let x = 0; x < width; x++) raw.set([x * 40, y * 60, 200], row + 1 + x * 3);
  }
  const head = concat([
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    pngChunk('IHDR', [...u32be(width), ...u32be(height), 8, 2, 0, 0, 0]),
    pngChunk('IDAT', deflateSync(raw)),
  ]);
  const end = pngChunk('IEND', []);
  if (opts.padTo === undefined) return concat([head, end]);
  const keyword = ascii('Comment\0');
  const fill = opts.padTo - head.length - end.length - PNG_CHUNK_OVERHEAD - keyword.length;
  if (fill < 0) throw new Error(`a ${width}x${height} PNG is larger than ${opts.padTo} bytes`);
  return concat([head, pngChunk('tEXt', concat([keyword, new Uint8Array(fill).fill(0x41)])), end]);
}

/**
 * A GIF89a in two colours, every pixel colour 0. The LZW stream sends a clear code before
 * every two pixels, so the code size never grows past 3 bits: valid, just not compressed.
 */
export function gif(width: number, height: number): Uint8Array {
  const CLEAR = 4;
  const END = 5;
  const codes: number[] = [];
  for (let i = 0; i < width * height; i++) {
    if (i % 2 === 0) codes.push(CLEAR);
    codes.push(0);
  }
  codes.push(END);
  const packed: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const code of codes) {
    acc |= code << bits;
    bits += 3;
    while (bits >= 8) {
      packed.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) packed.push(acc & 0xff);
  const blocks: number[] = [];
  for (let i = 0; i < packed.length; i += 255) {
    const block = packed.slice(i, i + 255);
    blocks.push(block.length, ...block);
  }
  return concat([
    ascii('GIF89a'),
    [...u16le(width), ...u16le(height), 0x80, 0, 0], // global colour table of 2 entries
    [0x22, 0x66, 0xcc, 0xff, 0xff, 0xff],
    [0x2c, ...u16le(0), ...u16le(0), ...u16le(width), ...u16le(height), 0], // image descriptor
    [2], // LZW minimum code size
    blocks,
    [0, 0x3b], // block terminator, trailer
  ]);
}

function jpegSegment(marker: number, payload: readonly number[]): number[] {
  return [0xff, marker, ...u16be(payload.length + 2), ...payload];
}

/**
 * A baseline greyscale JPEG, every block flat grey. The Huffman tables have one code each
 * ("0": DC difference 0, and end-of-block), so each 8x8 block is two zero bits.
 * `beforeFrame` inserts raw bytes between the JFIF header and the frame header (EXIF-like
 * segments, fill bytes) to test that readers walk the segments.
 */
export function jpeg(
  width: number,
  height: number,
  opts: { beforeFrame?: readonly number[] } = {},
): Uint8Array {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scan = new Array<number>(Math.ceil((blocks * 2) / 8)).fill(0);
  const usedBits = (blocks * 2) % 8;
  // The last byte is padded with 1 bits; it can never be 0xFF, so no byte stuffing.
  if (usedBits > 0) scan[scan.length - 1] = 0xff >>> usedBits;
  const oneCode = (symbol: number) => [1, ...new Array<number>(15).fill(0), symbol];
  return concat([
    [0xff, 0xd8],
    jpegSegment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    opts.beforeFrame ?? [],
    jpegSegment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // quantisation table 0
    jpegSegment(0xc0, [8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0]), // SOF0
    jpegSegment(0xc4, [0x00, ...oneCode(0x00)]), // DC table 0: symbol 0
    jpegSegment(0xc4, [0x10, ...oneCode(0x00)]), // AC table 0: end of block
    jpegSegment(0xda, [1, 1, 0x00, 0, 63, 0]), // start of scan
    scan,
    [0xff, 0xd9],
  ]);
}

function riffChunk(fourcc: string, payload: readonly number[]): number[] {
  // Chunks are padded to an even length; the size field does not count the pad.
  return [
    ...ascii(fourcc),
    ...u32le(payload.length),
    ...payload,
    ...(payload.length % 2 ? [0] : []),
  ];
}

function webpFile(chunks: readonly number[][]): Uint8Array {
  const body = [...ascii('WEBP'), ...chunks.flat()];
  return concat([ascii('RIFF'), u32le(body.length), body]);
}

/** Bitstreams of a 5x3 picture as Chromium's encoder wrote them (lossy and lossless). */
const VP8_5X3 = [
  0x30, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x05, 0x00, 0x03, 0x00, 0x02, 0xc0, 0x4c, 0x25, 0xb0, 0x02,
  0x74, 0xba, 0x00, 0x7e, 0x00, 0x03, 0x21, 0x06, 0xfd, 0xec, 0x00, 0xfe, 0x44, 0x79, 0x40, 0x65,
  0xd2, 0xda, 0x7e, 0x6f, 0xb1, 0xec, 0xf0, 0x7f, 0xf2, 0x6c, 0xa7, 0x4f, 0xdb, 0xfb, 0xe6, 0x7f,
  0x53, 0x5f, 0x49, 0xbe, 0x93, 0x77, 0x30, 0x00,
];
const VP8L_5X3 = [
  0x2f, 0x04, 0x80, 0x00, 0x00, 0x0f, 0xf0, 0x33, 0xe6, 0xcf, 0x64, 0xce, 0xcc, 0xfc, 0x47, 0x0b,
  0x14, 0x02, 0x08, 0x80, 0x22, 0x91, 0x26, 0xa2, 0xff, 0x01, 0x03,
];

/** 5x3 WebP files: simple lossy (VP8), simple lossless (VP8L), extended (VP8X + VP8L). */
export const webp = {
  width: 5,
  height: 3,
  lossy: (): Uint8Array => webpFile([riffChunk('VP8 ', VP8_5X3)]),
  lossless: (): Uint8Array => webpFile([riffChunk('VP8L', VP8L_5X3)]),
  extended: (): Uint8Array =>
    webpFile([
      riffChunk('VP8X', [0, 0, 0, 0, ...u24le(webp.width - 1), ...u24le(webp.height - 1)]),
      riffChunk('VP8L', VP8L_5X3),
    ]),
};

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Things that are not accepted images, whatever they are called. */
export const notImages = {
  html: text('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'),
  svg: text(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
      '<script>alert(1)</script><rect width="10" height="10"/></svg>',
  ),
  garbage: Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 11) & 0xff),
  empty: new Uint8Array(0),
};

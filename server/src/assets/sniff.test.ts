import { describe, expect, it } from 'vitest';
import { gif, jpeg, notImages, png, webp } from '../../test/images.js';
import { sniffImage } from './sniff.js';

describe('sniffImage accepts the four raster types by content', () => {
  it('reads PNG size from IHDR', () => {
    expect(sniffImage(png(7, 4))).toEqual({ mime: 'image/png', width: 7, height: 4 });
    expect(sniffImage(png(300, 1))).toEqual({ mime: 'image/png', width: 300, height: 1 });
  });

  it('reads GIF size from the logical screen', () => {
    expect(sniffImage(gif(6, 2))).toEqual({ mime: 'image/gif', width: 6, height: 2 });
    const gif87 = gif(2, 513);
    gif87.set([0x37], 4); // "GIF87a"
    expect(sniffImage(gif87)).toEqual({ mime: 'image/gif', width: 2, height: 513 });
  });

  it('reads JPEG size from the frame header', () => {
    expect(sniffImage(jpeg(17, 9))).toEqual({ mime: 'image/jpeg', width: 17, height: 9 });
    expect(sniffImage(jpeg(1000, 260))).toEqual({ mime: 'image/jpeg', width: 1000, height: 260 });
  });

  it('walks JPEG segments by length, past marker-like bytes and fill bytes', () => {
    // An APP1 segment whose payload holds what looks like a SOF0 of 772x258 (a scanner
    // looking for FF C0 would stop there), then two fill bytes before the next marker.
    const payload = [...[0x45, 0x78, 0x69, 0x66, 0, 0], 0xff, 0xc0, 0x00, 0x11, 0x08];
    payload.push(0x01, 0x02, 0x03, 0x04, 0x01, 0x11, 0x00);
    const decoy = [0xff, 0xe1, 0x00, payload.length + 2, ...payload, 0xff, 0xff];
    expect(sniffImage(jpeg(17, 9, { beforeFrame: decoy }))).toEqual({
      mime: 'image/jpeg',
      width: 17,
      height: 9,
    });
  });

  it('reads WebP size from VP8, VP8L and VP8X', () => {
    const size = { mime: 'image/webp', width: 5, height: 3 };
    expect(sniffImage(webp.lossy())).toEqual(size);
    expect(sniffImage(webp.lossless())).toEqual(size);
    expect(sniffImage(webp.extended())).toEqual(size);
  });

  it('reads a VP8X canvas larger than 16 bits', () => {
    const file = webp.extended();
    file.set([0x3f, 0x42, 0x0f, 0x1f, 0x00, 0x00], 24); // 999999 + 1 by 31 + 1
    expect(sniffImage(file)).toEqual({ mime: 'image/webp', width: 1_000_000, height: 32 });
  });
});

describe('sniffImage refuses everything else', () => {
  it.each(Object.entries(notImages))('refuses %s', (_name, bytes) => {
    expect(sniffImage(bytes)).toBeNull();
  });

  it('refuses HTML behind leading whitespace and an SVG without XML declaration', () => {
    const enc = new TextEncoder();
    expect(sniffImage(enc.encode('\n\n<html><img src=x onerror=alert(1)></html>'))).toBeNull();
    expect(sniffImage(enc.encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('refuses every accepted type cut off before its size', () => {
    const cuts: [Uint8Array, number][] = [
      [png(7, 4), 24],
      [gif(6, 2), 10],
      [webp.lossy(), 30],
      [webp.lossless(), 25],
      [webp.extended(), 30],
    ];
    for (const [file, needed] of cuts) {
      expect(sniffImage(file.subarray(0, needed))).not.toBeNull();
      expect(sniffImage(file.subarray(0, needed - 1))).toBeNull();
    }
    const j = jpeg(17, 9);
    const sof = j.findIndex((b, i) => b === 0xff && j[i + 1] === 0xc0);
    expect(sniffImage(j.subarray(0, sof + 9))).not.toBeNull();
    expect(sniffImage(j.subarray(0, sof + 8))).toBeNull();
  });

  it('refuses a JPEG that reaches its scan without a frame header', () => {
    const j = jpeg(17, 9);
    const sof = j.findIndex((b, i) => b === 0xff && j[i + 1] === 0xc0);
    const withoutFrame = new Uint8Array([...j.subarray(0, sof), ...j.subarray(sof + 13)]);
    expect(sniffImage(withoutFrame)).toBeNull();
  });

  it('refuses a zero-sized image and signatures with the wrong first chunk', () => {
    expect(sniffImage(png(0, 4))).toBeNull();
    expect(sniffImage(gif(0, 0))).toBeNull();
    const notIhdr = png(7, 4);
    notIhdr.set([0x49, 0x44, 0x41, 0x54], 12); // "IDAT" where IHDR must be
    expect(sniffImage(notIhdr)).toBeNull();
    const notVp8 = webp.lossy();
    notVp8.set([0x41, 0x4c, 0x50, 0x48], 12); // "ALPH" as the first chunk
    expect(sniffImage(notVp8)).toBeNull();
  });

  it('refuses a lossy WebP that is not a key frame or lacks the start code', () => {
    const interFrame = webp.lossy();
    interFrame[20] = (interFrame[20] ?? 0) | 1;
    expect(sniffImage(interFrame)).toBeNull();
    const noStartCode = webp.lossy();
    noStartCode[23] = 0;
    expect(sniffImage(noStartCode)).toBeNull();
  });
});

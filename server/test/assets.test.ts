import path from 'node:path';
import { DEFAULT_LIMITS, isValidId } from '@torg/shared';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../src/assets/sniff.js';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE } from '../src/storage/sqlite-storage.js';
import { startTestServer } from './helpers.js';
import { gif, jpeg, notImages, png, webp } from './images.js';

const LIMIT = 64 * 1024;

const running = new Set<RunningServer>();
afterEach(async () => {
  for (const s of running) await s.close();
  running.clear();
});

async function start(dataDir?: string): Promise<RunningServer & { dataDir: string }> {
  const server = await startTestServer({
    ...(dataDir ? { dataDir } : {}),
    limits: { maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes, maxImageBytes: LIMIT },
  });
  running.add(server);
  return server;
}

function upload(
  server: RunningServer,
  boardId: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' },
): Promise<Response> {
  // `duplex` is needed for a stream body; Node's fetch types do not list it yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  return fetch(`${server.url}/api/boards/${boardId}/assets`, init);
}

/** A streamed body of `size` bytes, sent chunked (no Content-Length). Counts what was read. */
function stream(
  size: number,
  chunk = 16 * 1024,
): { body: ReadableStream<Uint8Array>; pulled(): number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(chunk, size - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x89));
    },
  });
  return { body, pulled: () => sent };
}

/** Rows in the assets table, read from the SQLite file beside the running server. */
function storedAssetCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM assets').get()?.n ?? -1;
  } finally {
    db.close();
  }
}

async function expectError(res: Response, status: number, error: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: unknown; message: unknown };
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toBe('');
}

describe('image uploads', () => {
  // Name, upload, stored type, size, and whether the picture must survive pixel for pixel
  // (lossless types; a GIF is stored as a PNG of its first frame).
  const accepted: [string, Uint8Array, string, number, number, boolean][] = [
    ['PNG', png(7, 4), 'image/png', 7, 4, true],
    ['JPEG', jpeg(17, 9), 'image/jpeg', 17, 9, false],
    ['GIF', gif(6, 2), 'image/png', 6, 2, true],
    ['lossy WebP', webp.lossy(), 'image/webp', 5, 3, false],
    ['lossless WebP', webp.lossless(), 'image/webp', 5, 3, true],
    ['extended WebP', webp.extended(), 'image/webp', 5, 3, true],
  ];

  it.each(accepted)(
    'stores a %s as its own re-encoded copy and serves that',
    async (_n, bytes, mime, w, h, lossless) => {
      const server = await start();
      const res = await upload(server, 'board1', bytes);
      expect(res.status).toBe(201);
      const created = (await res.json()) as { assetId: string };
      expect(isValidId(created.assetId)).toBe(true);
      expect(created).toEqual({
        assetId: created.assetId,
        mime,
        width: w,
        height: h,
        url: `/api/assets/${created.assetId}`,
      });

      const got = await fetch(`${server.url}/api/assets/${created.assetId}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe(mime);
      expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-disposition')).toBe('inline');
      const stored = new Uint8Array(await got.arrayBuffer());
      // The served copy is what the answer described, decodable, and the same picture.
      expect(sniffImage(stored)).toEqual({ mime, width: w, height: h });
      const [before, after] = await Promise.all([pixels(bytes), pixels(stored)]);
      expect([after.info.width, after.info.height]).toEqual([w, h]);
      if (lossless) expect(after.data.equals(before.data)).toBe(true);
    },
  );

  it('gives every upload its own id, even of the same bytes', async () => {
    const server = await start();
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await upload(server, 'board1', png(2, 2));
      ids.add(((await res.json()) as { assetId: string }).assetId);
    }
    expect(ids.size).toBe(3);
    expect(storedAssetCount(server.dataDir)).toBe(3);
  });

  it('refuses HTML sent as a PNG: the bytes decide, not the header or the name', async () => {
    const server = await start();
    const pngHeaders = {
      'Content-Type': 'image/png',
      'Content-Disposition': 'attachment; filename="tavle.png"',
    };
    await expectError(
      await upload(server, 'board1', notImages.html, pngHeaders),
      415,
      'unsupported_type',
    );
    // The PNG signature alone does not make a PNG either.
    const signatureThenHtml = new Uint8Array([...png(1, 1).subarray(0, 8), ...notImages.html]);
    await expectError(
      await upload(server, 'board1', signatureThenHtml, pngHeaders),
      415,
      'unsupported_type',
    );
    expect(storedAssetCount(server.dataDir)).toBe(0);
  });

  it('refuses SVG, garbage and an empty body', async () => {
    const server = await start();
    const svgHeaders = { 'Content-Type': 'image/svg+xml' };
    await expectError(
      await upload(server, 'board1', notImages.svg, svgHeaders),
      415,
      'unsupported_type',
    );
    await expectError(await upload(server, 'board1', notImages.garbage), 415, 'unsupported_type');
    await expectError(await upload(server, 'board1', notImages.empty), 415, 'unsupported_type');
    expect(storedAssetCount(server.dataDir)).toBe(0);
  });

  it('accepts an image of exactly the limit and refuses one byte more', async () => {
    const server = await start();
    const atLimit = png(40, 30, { padTo: LIMIT });
    expect(atLimit.length).toBe(LIMIT);
    const ok = await upload(server, 'board1', atLimit);
    expect(ok.status).toBe(201);
    const { url } = (await ok.json()) as { url: string };
    // Stored re-encoded: the same 40×30 picture without the 64 KiB text chunk.
    const stored = new Uint8Array(await (await fetch(`${server.url}${url}`)).arrayBuffer());
    expect(sniffImage(stored)).toEqual({ mime: 'image/png', width: 40, height: 30 });
    expect(stored.length).toBeLessThan(LIMIT / 10);

    const overLimit = png(40, 30, { padTo: LIMIT + 1 });
    expect(overLimit.length).toBe(LIMIT + 1);
    await expectError(await upload(server, 'board1', overLimit), 413, 'too_large');
    expect(storedAssetCount(server.dataDir)).toBe(1);
  });

  it('refuses a streamed body without Content-Length once it passes the limit', async () => {
    const server = await start();
    const exact = stream(LIMIT);
    // At the limit the bytes get through the counting and reach the type check.
    await expectError(await upload(server, 'board1', exact.body), 415, 'unsupported_type');
    expect(exact.pulled()).toBe(LIMIT);

    await expectError(await upload(server, 'board1', stream(LIMIT + 1).body), 413, 'too_large');
    // A huge stream is answered long before it could have been read whole.
    const huge = stream(256 * 1024 * 1024, 64 * 1024);
    await expectError(await upload(server, 'board1', huge.body), 413, 'too_large');
    expect(huge.pulled()).toBeLessThan(256 * 1024 * 1024);
    expect(storedAssetCount(server.dataDir)).toBe(0);
  });

  it('refuses an invalid board id', async () => {
    const server = await start();
    await expectError(await upload(server, 'x', png(2, 2)), 400, 'invalid_board_id');
    await expectError(await upload(server, 'bad%20id!', png(2, 2)), 400, 'invalid_board_id');
    expect(storedAssetCount(server.dataDir)).toBe(0);
  });

  it('answers 404 for an unknown or malformed asset id', async () => {
    const server = await start();
    await expectError(await fetch(`${server.url}/api/assets/unknownasset1`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/assets/%3Cscript%3E`), 404, 'not_found');
  });

  it('serves an asset after the server restarts on the same data folder', async () => {
    const first = await start();
    const bytes = jpeg(33, 20);
    const res = await upload(first, 'board1', bytes);
    const { url } = (await res.json()) as { url: string };
    const before = new Uint8Array(await (await fetch(`${first.url}${url}`)).arrayBuffer());
    await first.close();
    running.delete(first);

    const second = await start(first.dataDir);
    const got = await fetch(`${second.url}${url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(before);
  });
});

/** Decoded RGBA pixels, to compare pictures across re-encoding. */
function pixels(bytes: Uint8Array) {
  return sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}

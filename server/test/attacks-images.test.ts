import path from 'node:path';
import {
  boardDocId,
  type ImageShape,
  ORIGIN_LOCAL,
  readAllShapes,
  writeShapes,
} from '@torg/shared';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { imageDecodes } from '../src/assets/decode-slots.js';
import { sniffImage } from '../src/assets/sniff.js';
import type { Backup } from '../src/export/backup.js';
import { storageSource } from '../src/export/source.js';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE, SqliteStorage } from '../src/storage/sqlite-storage.js';
import {
  apiCaller,
  connectClient,
  createWorkshop,
  startTestServer,
  TEST_ADMIN_TOKEN,
  tempDataDir,
  waitFor,
  waitSynced,
} from './helpers.js';
import { png } from './images.js';

/**
 * "One image stalls the server for everyone": uploads as an attacker (or a careless phone)
 * would send them. Every refusal stores nothing; what is stored is a re-encoded copy of at
 * most 4096 px a side without metadata, decoded off the event loop.
 */

type Server = RunningServer & { dataDir: string };
let server: Server;
let facilitator: string;
let workshopId: string;
let boardId: string;

beforeAll(async () => {
  server = await startTestServer();
  const api = apiCaller(() => server.url);
  const w = await createWorkshop(api, { title: 'Bilder', groups: ['A', 'B'] });
  facilitator = w.facilitator;
  workshopId = w.workshopId;
  const phase = await api('POST', `/workshops/${w.workshopId}/phases`, facilitator, {
    name: 'Runde 1',
  });
  boardId = (phase.body.boardIds as string[])[0] ?? '';
});
afterAll(() => server.close());

function upload(body: Uint8Array, target: Server = server, board = boardId): Promise<Response> {
  return fetch(`${target.url}/api/boards/${board}/assets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitator}`, 'content-type': 'application/octet-stream' },
    body,
  });
}

/** Rows in the assets table of a server's SQLite file (by board, or all). */
function storedAssets(target: Server = server, board?: string): number {
  const db = new Database(path.join(target.dataDir, SQLITE_FILE), { readonly: true });
  try {
    const row = board
      ? db
          .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM assets WHERE board_id = ?')
          .get(board)
      : db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM assets').get();
    return row?.n ?? -1;
  } finally {
    db.close();
  }
}

async function expectRefused(res: Response, status: number, error: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: string }).error).toBe(error);
}

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}${url}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

interface Created {
  assetId: string;
  mime: string;
  width: number;
  height: number;
  url: string;
}

/** A plain image of one colour, of any size, small on the wire (it compresses to nothing). */
function flat(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } });
}

/**
 * A 6300×6300 PNG (39.7 million pixels, within the limit) with a pattern that takes the
 * decoder, the scaler and the encoder about a second: long enough to look at the server
 * while it works.
 */
async function slowPng(): Promise<Uint8Array> {
  const side = 6300;
  const raw = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 3;
      raw[i] = (x * 7) & 255;
      raw[i + 1] = (y * 3) & 255;
      raw[i + 2] = (x ^ y) & 255;
    }
  }
  const out = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(out);
}

describe('pixel bombs', () => {
  it('refuses a 45-byte PNG that declares 20000×20000 px, storing nothing', async () => {
    // Signature and IHDR only: the header is all a decoder would allocate for.
    const bomb = png(1, 1).subarray(0, 33);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(16, 20000);
    new DataView(bomb.buffer, bomb.byteOffset).setUint32(20, 20000);
    const padded = new Uint8Array(45);
    padded.set(bomb);
    expect(sniffImage(padded)).toEqual({ mime: 'image/png', width: 20000, height: 20000 });
    const decodes = imageDecodes.startedTotal;
    await expectRefused(await upload(padded), 413, 'too_many_pixels');
    expect(imageDecodes.startedTotal).toBe(decodes);
    expect(storedAssets(server, boardId)).toBe(0);
  });

  it('refuses a 12000×12000 PNG within the byte limit without decoding it', async () => {
    const big = new Uint8Array(await flat(12000, 12000).png({ compressionLevel: 9 }).toBuffer());
    expect(big.length).toBeLessThan(10 * 1024 * 1024);
    const decodes = imageDecodes.startedTotal;
    await expectRefused(await upload(big), 413, 'too_many_pixels');
    // Refused by the header alone: the decoder never saw it.
    expect(imageDecodes.startedTotal).toBe(decodes);
    expect(storedAssets(server, boardId)).toBe(0);
  });

  it('keeps /healthz answering while a large image is being decoded', async () => {
    const before = storedAssets();
    const image = await slowPng();
    let settled = false;
    const pending = upload(image).then((res) => {
      settled = true;
      return res;
    });
    await waitFor(() => imageDecodes.active > 0, 'the decode started');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // The answer came while the image was still being worked on (off the event loop).
    expect(settled).toBe(false);
    expect(imageDecodes.active).toBeGreaterThan(0);
    const res = await pending;
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect([created.width, created.height]).toEqual([4096, 4096]);
    expect(storedAssets()).toBe(before + 1);
  });

  it('answers 503 busy beyond the decode queue, and stores exactly what it accepted', async () => {
    const before = storedAssets();
    const image = new Uint8Array(await flat(6000, 6000).png().toBuffer());
    const answers = await Promise.all(Array.from({ length: 20 }, () => upload(image)));
    const statuses = answers.map((r) => r.status);
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    for (const r of busy) {
      expect(r.headers.get('retry-after')).toBe('2');
      expect(((await r.json()) as { error: string }).error).toBe('busy');
    }
    expect(storedAssets()).toBe(before + statuses.filter((s) => s === 201).length);
  });
});

describe('what is stored is a bounded, clean copy', () => {
  it('accepts a 4000×4000 PNG as it is', async () => {
    const res = await upload(new Uint8Array(await flat(4000, 4000).png().toBuffer()));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created).toMatchObject({ mime: 'image/png', width: 4000, height: 4000 });
    const stored = await sharp(await download(created.url)).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['png', 4000, 4000]);
  });

  it('stores a 6000×3000 JPEG at 4096×2048, and says so', async () => {
    const res = await upload(new Uint8Array(await flat(6000, 3000).jpeg().toBuffer()));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created).toMatchObject({ mime: 'image/jpeg', width: 4096, height: 2048 });
    const stored = await sharp(await download(created.url)).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 4096, 2048]);
  });

  it('strips EXIF (GPS position), XMP and ICC, and turns a sideways photo upright', async () => {
    // A phone photo held sideways: 1200×800 pixels, EXIF orientation 6 (rotate 90° to show).
    const photo = await flat(1200, 800)
      .jpeg()
      .withExif({
        IFD0: { Make: 'Phone', Model: 'Serial 12345' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
      .withIccProfile('p3')
      .toBuffer();
    const sent = await sharp(photo).metadata();
    expect(sent.exif).toBeDefined();
    expect(sent.orientation).toBe(6);
    expect(sent.icc).toBeDefined();

    const res = await upload(new Uint8Array(photo));
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created).toMatchObject({ mime: 'image/jpeg', width: 800, height: 1200 });
    const bytes = await download(created.url);
    const stored = await sharp(bytes).metadata();
    expect([stored.width, stored.height]).toEqual([800, 1200]);
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(Buffer.from(bytes).includes('Serial 12345')).toBe(false);
  });

  it('refuses a small upload whose re-encoded copy would be a hundred times larger', async () => {
    // Diagonal stripes of random colours: each row is the row above shifted by one pixel, so
    // the PNG compresses to almost nothing. Scaled from 4200 to 4096 px wide the shift is no
    // longer whole pixels and the copy would not compress at all (about 7 MB).
    const [width, height] = [4200, 600];
    const row = Buffer.from(Array.from({ length: width * 3 }, (_, i) => (i * 7919) % 251));
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width * 3; x++)
        raw[y * width * 3 + x] = row[(x + y * 3) % (width * 3)] ?? 0;
    }
    const stripes = await sharp(raw, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(stripes.length).toBeLessThan(256 * 1024);
    const before = storedAssets();
    await expectRefused(await upload(new Uint8Array(stripes)), 413, 'too_large');
    expect(storedAssets()).toBe(before);
  });

  it('refuses a truncated JPEG and a truncated PNG, storing nothing', async () => {
    const before = storedAssets();
    const jpeg = await flat(600, 400).jpeg().toBuffer();
    const pngBytes = await sharp({
      create: {
        width: 600,
        height: 400,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .png()
      .toBuffer();
    for (const whole of [jpeg, pngBytes]) {
      const cut = new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2)));
      // The header is intact; only decoding shows the rest is missing.
      expect(sniffImage(cut)).not.toBeNull();
      await expectRefused(await upload(cut), 422, 'undecodable_image');
    }
    expect(storedAssets()).toBe(before);
  });
});

describe('imports and exports', () => {
  it('stores the oversized, GPS-tagged image of an imported backup bounded and clean', async () => {
    // A real backup of a board with one image…
    const first = await upload(png(40, 30));
    const { assetId } = (await first.json()) as Created;
    await placeImage(assetId);
    const backupRes = await fetch(`${server.url}/api/workshops/${workshopId}/backup`, {
      headers: { authorization: `Bearer ${facilitator}` },
    });
    expect(backupRes.status).toBe(200);
    const backup = (await backupRes.json()) as Backup;
    const entry = backup.assets.find((a) => a.id === assetId);
    if (!entry) throw new Error('the backup carries no image');
    // …edited by hand to carry a 6000×3000 photo with a GPS position instead.
    const photo = await flat(6000, 3000)
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 54/1 0/1' } })
      .toBuffer();
    Object.assign(entry, { mime: 'image/jpeg', width: 6000, height: 3000 });
    entry.data = photo.toString('base64');

    const target = await startTestServer();
    try {
      const imported = await apiCaller(() => target.url)(
        'POST',
        '/workshops/import',
        TEST_ADMIN_TOKEN,
        backup,
      );
      expect(imported.status).toBe(201);
      const res = await fetch(`${target.url}/api/assets/${assetId}`);
      expect(res.status).toBe(200);
      const stored = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
      expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 4096, 2048]);
      expect(stored.exif).toBeUndefined();

      // A header bomb in a backup refuses the whole import; nothing of it is stored.
      const bombBackup = structuredClone(backup);
      bombBackup.workshop.id = 'bombworkshop1';
      const bomb = new Uint8Array(png(1, 1));
      new DataView(bomb.buffer).setUint32(16, 20000);
      new DataView(bomb.buffer).setUint32(20, 20000);
      Object.assign(bombBackup.assets[0] ?? {}, {
        mime: 'image/png',
        width: 20000,
        height: 20000,
        data: Buffer.from(bomb).toString('base64'),
      });
      const assetsBefore = storedAssets(target);
      const refused = await apiCaller(() => target.url)(
        'POST',
        '/workshops/import',
        TEST_ADMIN_TOKEN,
        bombBackup,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_backup');
      expect(storedAssets(target)).toBe(assetsBefore);
    } finally {
      await target.close();
    }
  });

  it('hands exports a bounded copy of an image stored large before uploads were normalised', async () => {
    const dataDir = tempDataDir();
    const storage = new SqliteStorage(dataDir);
    try {
      const large = new Uint8Array(await flat(8000, 2000).png().toBuffer());
      await storage.putAsset({
        id: 'oldlarge0001',
        boardId: 'oldboard0001',
        mime: 'image/png',
        width: 8000,
        height: 2000,
        data: large,
      });
      const bomb = png(1, 1);
      new DataView(bomb.buffer).setUint32(16, 20000);
      new DataView(bomb.buffer).setUint32(20, 20000);
      await storage.putAsset({
        id: 'oldbomb00001',
        boardId: 'oldboard0001',
        mime: 'image/png',
        width: 20000,
        height: 20000,
        data: bomb,
      });
      const small = png(40, 30);
      await storage.putAsset({
        id: 'oldsmall0001',
        boardId: 'oldboard0001',
        mime: 'image/png',
        width: 40,
        height: 30,
        data: small,
      });

      const source = storageSource(storage);
      const bounded = await source.asset('oldlarge0001');
      expect(bounded).toMatchObject({ mime: 'image/png', width: 4096, height: 1024 });
      expect(sniffImage(bounded?.data ?? new Uint8Array())).toEqual({
        mime: 'image/png',
        width: 4096,
        height: 1024,
      });
      // Over the pixel limit: left out, like a missing image, never decoded.
      expect(await source.asset('oldbomb00001')).toBeNull();
      // Within bounds: untouched.
      expect((await source.asset('oldsmall0001'))?.data).toEqual(small);
    } finally {
      await storage.close();
    }
  });
});

/** Puts an uploaded image on the board through a real sync connection, as the editor does. */
async function placeImage(assetId: string): Promise<void> {
  const client = connectClient(server, boardId, new Y.Doc(), { token: facilitator });
  try {
    await waitSynced(client);
    const shape: ImageShape = {
      id: 'photo1',
      type: 'image',
      v: 1,
      z: 'a5',
      locked: false,
      x: 0,
      y: 0,
      w: 400,
      h: 300,
      assetId,
      alt: 'Flippover',
    };
    writeShapes(client.doc, [shape], ORIGIN_LOCAL);
    await waitFor(async () => {
      const room = await server.registry.acquire(boardDocId(boardId));
      try {
        return readAllShapes(room.doc).some((s) => s.id === 'photo1');
      } finally {
        server.registry.release(room);
      }
    }, 'the server has the image on the board');
  } finally {
    client.destroy();
  }
}

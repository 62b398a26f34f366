/**
 * The big workshop of the export benchmarks (`export.ts`, `export-sync.ts`): 8 group boards ×
 * 500 objects (stickies, shapes, texts, arrows), 10 comments and suggestions per board and a
 * closed dot vote, built through the real API of a server started in-process on `dataDir`.
 * With `images`, the first boards also get a 4000 × 4000 px PNG each (about 60 KB, as in
 * issue 15), uploaded through the asset route.
 */
import zlib from 'node:zlib';
import {
  boardDocId,
  type Connector,
  connectorDefaults,
  GEO_KINDS,
  geoDefaults,
  ORIGIN_SERVER,
  type Shape,
  STICKY_COLORS,
  stickyDefaults,
  textDefaults,
  writeShapes,
  zAbove,
} from '@torg/shared';
import { defaultConfig } from '../server/src/config.js';
import { silentLogger } from '../server/src/logger.js';
import { startServer } from '../server/src/server.js';

export const BOARDS = 8;
export const PER_BOARD = 500;
/** Sent as `Authorization: Bearer …` when creating the workshop (servers that require it). */
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

const WORDS =
  'trygghet mestring nærhet velferdsteknologi pårørende frivillige økonomi kompetanse rekruttering hjemmetjenester sykehjem digitalisering samarbeid innbyggere ungdomsråd folkehelse'.split(
    ' ',
  );
const sentence = (i: number, n: number) =>
  Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');

/** 500 objects on a grid: 300 stickies, 100 shapes, 60 texts, 40 arrows between stickies. */
function boardShapes(b: number): Shape[] {
  const out: Shape[] = [];
  let z: string | null = null;
  const next = () => {
    z = zAbove(z === null ? [] : [z]);
    return z;
  };
  const at = (i: number) => ({ x: (i % 25) * 260, y: Math.floor(i / 25) * 260 });
  for (let i = 0; i < 300; i++)
    out.push({
      ...stickyDefaults(),
      id: `s${b}x${i}`,
      z: next(),
      ...at(i),
      color: STICKY_COLORS[i % STICKY_COLORS.length] ?? 'yellow',
      text: `${i + 1}. ${sentence(i + b, 4 + (i % 6))}`,
    } as Shape);
  for (let i = 0; i < 100; i++)
    out.push({
      ...geoDefaults(),
      id: `g${b}x${i}`,
      z: next(),
      ...at(300 + i),
      kind: GEO_KINDS[i % GEO_KINDS.length],
      text: sentence(i, 2),
    } as Shape);
  for (let i = 0; i < 60; i++)
    out.push({
      ...textDefaults(),
      id: `t${b}x${i}`,
      z: next(),
      ...at(400 + i),
      text: sentence(i + 3, 3),
    } as Shape);
  for (let i = 0; i < 40; i++) {
    const c: Connector = {
      ...connectorDefaults(),
      id: `c${b}x${i}`,
      z: next(),
      start: { kind: 'shape', shapeId: `s${b}x${i}` },
      end: { kind: 'shape', shapeId: `s${b}x${i + 1}` },
    };
    out.push(c);
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `side` × `side` RGB PNG of colour bands: large in pixels, small in bytes. */
export function bandedPng(side: number, seed: number): Uint8Array<ArrayBuffer> {
  const row = 1 + side * 3;
  const raw = Buffer.alloc(row * side);
  for (let y = 0; y < side; y++) {
    const band = Math.floor(y / 250);
    for (let x = 0; x < side; x++) {
      const o = y * row + 1 + x * 3;
      raw[o] = (band * 40 + seed * 60) & 255;
      raw[o + 1] = (Math.floor(x / 250) * 30) & 255;
      raw[o + 2] = 180;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

export interface SeededWorkshop {
  workshopId: string;
  facilitatorToken: string;
  boardIds: string[];
  images: number;
}

/** Builds the workshop in `dataDir` (the server is stopped again before this resolves). */
export async function seedBigWorkshop(
  dataDir: string,
  opts: { images?: number } = {},
): Promise<SeededWorkshop> {
  const server = await startServer(
    defaultConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      staticDir: null,
      logger: silentLogger,
      adminToken: ADMIN_TOKEN,
    }),
  );
  const base = `${server.url.replace('localhost', '127.0.0.1')}/api`;
  const request = async (method: string, p: string, token: string | null, body?: BodyInit) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: {
        'Content-Type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const call = (method: string, p: string, token: string | null, body?: unknown) =>
    request(method, p, token, body === undefined ? undefined : JSON.stringify(body));
  const created = await call('POST', '/workshops', ADMIN_TOKEN, {
    title: 'Stor samling i Ås',
    date: '2026-11-23',
    groups: Array.from({ length: BOARDS }, (_, i) => `Gruppe ${i + 1}`),
    facilitatorName: 'Fasilitator',
  });
  const wid = created.workshopId as string;
  const fac = created.token as string;
  const info = await call('GET', `/join/${created.joinCode as string}`, null);
  const groups = (info.groups as { id: string }[]).map((g) => g.id);
  const people: string[] = [];
  for (const [i, g] of groups.entries())
    for (const n of [1, 2]) {
      const r = await call('POST', '/join', null, {
        code: created.joinCode,
        name: `Deltaker ${i + 1}-${n}`,
        groupId: g,
      });
      people.push(r.token as string);
    }
  const phase = await call('POST', `/workshops/${wid}/phases`, fac, { name: 'Idémyldring' });
  const boardIds = phase.boardIds as string[];
  const images = Math.min(opts.images ?? 0, BOARDS);
  for (const [b, boardId] of boardIds.entries()) {
    const shapes = boardShapes(b);
    if (b < images) {
      const png = bandedPng(4000, b);
      const asset = await request('POST', `/boards/${boardId}/assets`, fac, png);
      shapes.push({
        id: `img${b}`,
        type: 'image',
        v: 1,
        locked: false,
        x: 0,
        y: 2400,
        z: zAbove(shapes.map((s) => s.z)),
        w: 1200,
        h: 1200,
        assetId: asset.assetId as string,
        alt: 'Flippover',
      } as Shape);
    }
    const room = await server.registry.acquire(boardDocId(boardId));
    writeShapes(room.doc, shapes, ORIGIN_SERVER);
    server.registry.release(room);
    for (let k = 0; k < 10; k++)
      await call('POST', `/workshops/${wid}/boards/${boardId}/comments`, fac, {
        kind: k % 2 ? 'comment' : 'suggestion',
        text: sentence(k, 8),
        ...(k % 2 ? {} : { proposal: sentence(k + 1, 4) }),
        pin: { shapeId: `s${b}x${k}` },
      });
  }
  await call('POST', `/workshops/${wid}/vote`, fac, { boardIds, dots: 3 });
  for (const [i, token] of people.entries())
    for (let d = 0; d < 3; d++) {
      const b = (i + d) % BOARDS;
      await call('POST', `/workshops/${wid}/boards/${boardIds[b]}/dots`, token, {
        shapeId: `s${b}x${(i * 3 + d) % 300}`,
      });
    }
  await call('POST', `/workshops/${wid}/vote/close`, fac);
  await server.close();
  return { workshopId: wid, facilitatorToken: fac, boardIds, images };
}

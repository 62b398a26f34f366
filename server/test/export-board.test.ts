import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import {
  boardDocId,
  type Comment,
  ORIGIN_SERVER,
  type Shape,
  type WorkshopBoard,
  writeShapes,
} from '@torg/shared';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPdf, boardSvg, svgToPng } from '../src/export/board.js';
import type { BoardData, ExportSource } from '../src/export/source.js';
import { attachment } from '../src/routes/download.js';
import type { RunningServer } from '../src/server.js';
import type { StoredAsset } from '../src/storage/storage.js';
import { apiCaller, startTestServer, TEST_ADMIN_TOKEN } from './helpers.js';
import { gif, webp } from './images.js';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

// --- a board with every object type, in Norwegian ---------------------------------------

const TEXTS = {
  frame: 'Fremtidsbildet 2035 – helse og omsorg',
  sticky: 'Flere eldre som bor hjemme lenger – trenger velferdsteknologi',
  locked: 'Økt behov for pårørendestøtte',
  heading: 'Hvilke problemer skal løses?',
  body: 'Blåbærsyltetøy på brødskiva, sa bestemor Åse. Ærlig talt: «søt» & <god>!',
  rect: 'Mål: tryggere hverdag',
  ellipse: 'Innsparing og omstilling',
  diamond: 'Beslutning',
  label: 'fører til',
} as const;

const base = { v: 1, locked: false } as const;
const frame: Shape = {
  ...base,
  type: 'frame',
  id: 'frame1',
  x: 0,
  y: 0,
  w: 1100,
  h: 700,
  z: 'a0',
  name: TEXTS.frame,
  color: 'blue',
};
const stickyNote: Shape = {
  ...base,
  v: 2,
  type: 'sticky',
  id: 'stk1',
  x: 40,
  y: 40,
  w: 200,
  h: 200,
  z: 'a1',
  size: 'm',
  color: 'yellow',
  text: TEXTS.sticky,
};
const lockedNote: Shape = {
  ...base,
  v: 2,
  locked: true,
  type: 'sticky',
  id: 'stk2',
  x: 270,
  y: 40,
  w: 150,
  h: 150,
  z: 'a2',
  size: 's',
  color: 'pink',
  text: TEXTS.locked,
};
const heading: Shape = {
  ...base,
  type: 'text',
  id: 'txt1',
  x: 460,
  y: 40,
  w: 400,
  h: 90,
  z: 'a3',
  size: 'l',
  bold: true,
  color: 'blue',
  text: TEXTS.heading,
};
const body: Shape = {
  ...base,
  type: 'text',
  id: 'txt2',
  x: 460,
  y: 150,
  w: 400,
  h: 60,
  z: 'a4',
  size: 's',
  bold: false,
  color: 'black',
  text: TEXTS.body,
};
const geo = (id: string, kind: 'rectangle' | 'ellipse' | 'diamond', x: number, text: string) =>
  ({
    ...base,
    type: 'geo',
    id,
    x,
    y: 330,
    w: 200,
    h: 140,
    z: `a5${id}`,
    kind,
    fill: kind === 'rectangle' ? 'green' : kind === 'ellipse' ? 'yellow' : 'pink',
    stroke: kind === 'rectangle' ? 'green' : kind === 'ellipse' ? 'black' : 'red',
    text,
  }) satisfies Shape;
const rect = geo('geo1', 'rectangle', 60, TEXTS.rect);
const ellipse = geo('geo2', 'ellipse', 340, TEXTS.ellipse);
const diamond = geo('geo3', 'diamond', 620, TEXTS.diamond);
const arrow: Shape = {
  ...base,
  type: 'connector',
  id: 'con1',
  z: 'a7',
  start: { kind: 'shape', shapeId: 'geo1' },
  end: { kind: 'shape', shapeId: 'geo2' },
  route: 'straight',
  label: TEXTS.label,
  color: 'black',
  arrowStart: false,
  arrowEnd: true,
};
const elbow: Shape = {
  ...base,
  type: 'connector',
  id: 'con2',
  z: 'a8',
  start: { kind: 'shape', shapeId: 'geo2' },
  end: { kind: 'point', x: 720, y: 600 },
  route: 'elbow',
  label: '',
  color: 'purple',
  arrowStart: true,
  arrowEnd: true,
};
const pen: Shape = {
  ...base,
  type: 'drawing',
  id: 'drw1',
  x: 80,
  y: 540,
  w: 300,
  h: 100,
  z: 'a9',
  color: 'red',
  width: 'm',
  points: [0, 50, 40, 0, 80, 60, 120, 10, 160, 80, 200, 20, 240, 90, 300, 40],
};
const photo: Shape = {
  ...base,
  type: 'image',
  id: 'img1',
  x: 850,
  y: 330,
  w: 200,
  h: 150,
  z: 'b0',
  assetId: 'asset1',
  alt: 'Flippover',
};
const lostPhoto: Shape = { ...photo, id: 'img2', y: 520, z: 'b1', assetId: 'missing1' };
const RICH: Shape[] = [
  frame,
  stickyNote,
  lockedNote,
  heading,
  body,
  rect,
  ellipse,
  diamond,
  arrow,
  elbow,
  pen,
  photo,
  lostPhoto,
];

/** A 64 × 48 gradient PNG: blue on the left, pink on the right. */
function gradientPng(): Uint8Array {
  const png = new PNG({ width: 64, height: 48 });
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 64; x++) {
      const i = (y * 64 + x) * 4;
      png.data[i] = 20 + x * 3;
      png.data[i + 1] = 110;
      png.data[i + 2] = 210 - x;
      png.data[i + 3] = 255;
    }
  return new Uint8Array(PNG.sync.write(png));
}

const asset: StoredAsset = {
  id: 'asset1',
  boardId: 'board1',
  mime: 'image/png',
  width: 64,
  height: 48,
  data: gradientPng() as Uint8Array<ArrayBuffer>,
  createdAt: 0,
};
const source: ExportSource = {
  docUpdate: () => Promise.reject(new Error('not used')),
  doc: () => Promise.reject(new Error('not used')),
  asset: async (id) => (id === asset.id ? asset : null),
  workshop: async () => null,
};
const board: WorkshopBoard = {
  id: 'board1',
  name: 'Gruppe Ærlig – Fremtidsreise',
  groupId: null,
  phaseId: null,
  template: 'blank',
  archived: false,
  locked: false,
  createdAt: 0,
};
const pinComment: Comment = {
  id: 'cmt1',
  boardId: 'board1',
  kind: 'comment',
  text: 'Bra!',
  proposal: null,
  pin: { shapeId: 'stk1' },
  parentId: null,
  authorId: 'anne',
  authorName: 'Anne',
  groupId: null,
  round: null,
  status: 'open',
  createdAt: 1,
};
const dataOf = (shapes: Shape[], comments: Comment[] = []): BoardData => ({
  board,
  shapes,
  comments,
  reactions: [],
  dots: [],
  attribution: new Map(),
});

// --- helpers -------------------------------------------------------------------------------

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each `<text>` element: its tspans' content joined, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) =>
    unescapeXml(
      [...(m[1] ?? '').matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>|([^<]+)/g)]
        .map((t) => t[1] ?? t[2] ?? '')
        .join(' '),
    ),
  );
}

const squash = (s: string) => s.replace(/\s+/g, '');

function decodePng(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** Share of pixels that differ noticeably from the golden (written with UPDATE_GOLDEN=1). */
function compareGolden(name: string, png: Uint8Array): number {
  const file = path.join(GOLDEN_DIR, `${name}.png`);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, png);
  }
  expect(fs.existsSync(file), `golden ${name}.png is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  const want = PNG.sync.read(fs.readFileSync(file));
  const got = decodePng(png);
  expect([got.width, got.height]).toEqual([want.width, want.height]);
  const diff = pixelmatch(got.data, want.data, undefined, got.width, got.height, {
    threshold: 0.1,
  });
  return diff / (got.width * got.height);
}

/** How many pixels have (about) this colour. */
function countColour(png: PNG, hex: string, tolerance = 6): number {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (
      Math.abs((png.data[i] ?? 0) - r) <= tolerance &&
      Math.abs((png.data[i + 1] ?? 0) - g) <= tolerance &&
      Math.abs((png.data[i + 2] ?? 0) - b) <= tolerance
    )
      count++;
  }
  return count;
}

async function pdfInfo(bytes: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const { width, height } = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('\n');
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, width, height, text };
}

// --- SVG -----------------------------------------------------------------------------------

describe('board SVG', () => {
  let svg: string;
  beforeAll(async () => {
    svg = await boardSvg(dataOf(RICH, [pinComment]), source, { pins: true, title: board.name });
  });

  it('is a well-formed SVG that a renderer accepts, sized to the board with a margin', () => {
    const r = new Resvg(svg, { font: { loadSystemFonts: false } });
    // The frame (1100 × 700, title above) plus 40 px on each side.
    expect(r.width).toBe(1180);
    expect(r.height).toBe(812);
    expect(svg).toContain(`<title>${'Gruppe Ærlig – Fremtidsreise'}</title>`);
  });

  it('contains every text of the board in <text> elements, escaped and with æøå intact', () => {
    const texts = svgTexts(svg).map(squash);
    for (const t of Object.values(TEXTS)) expect(texts, t).toContain(squash(t));
    // Markup in a note stays text.
    expect(svg).toContain('&lt;god&gt;');
    expect(svg).not.toContain('<god>');
    // The comment pin's number.
    expect(svgTexts(svg)).toContain('1');
  });

  it('embeds the uploaded image and draws a placeholder for a missing one', () => {
    const images = [...svg.matchAll(/<image [^>]*xlink:href="data:image\/png;base64,([^"]+)"/g)];
    expect(images).toHaveLength(1);
    expect(Buffer.from(images[0]?.[1] ?? '', 'base64').equals(Buffer.from(asset.data))).toBe(true);
    expect(svg).toContain('stroke-dasharray="8 6"');
  });

  it('turns GIF and WebP photos into PNG, so the PDF can carry them too', async () => {
    for (const [mime, data] of [
      ['image/gif', gif(6, 4)],
      ['image/webp', webp.lossless()],
    ] as const) {
      const other: ExportSource = {
        ...source,
        asset: async () => ({ ...asset, mime, width: 6, height: 4, data: new Uint8Array(data) }),
      };
      const svg = await boardSvg(dataOf([photo]), other);
      expect(svg, mime).toContain('xlink:href="data:image/png;base64,');
      const pdf = Buffer.from(await boardPdf(svg, { paper: 'a4' })).toString('latin1');
      expect(pdf, mime).toContain('/Subtype /Image');
    }
  });

  it('wraps note text into lines that fit inside the note, with Inter measurements', () => {
    const note = svgTexts(svg).find((t) => t.startsWith('Flere eldre')) ?? '';
    // 200 px wide note, 14 px padding, 22 px text: the canvas shows four lines.
    const lines = /<text[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/
      .exec(svg.slice(svg.indexOf('Flere eldre') - 200))?.[1]
      ?.match(/<tspan/g);
    expect(note).toContain('velferdsteknologi');
    expect(lines).toHaveLength(4);
  });
});

// --- PNG goldens ---------------------------------------------------------------------------

const PER_TYPE: Record<string, { shapes: Shape[]; colour: string }> = {
  sticky: { shapes: [stickyNote], colour: '#fff27a' },
  text: { shapes: [heading, body], colour: '#1d4e89' },
  geo: { shapes: [rect, ellipse, diamond], colour: '#e4f6d8' },
  connector: {
    shapes: [
      { ...arrow, start: { kind: 'point', x: 0, y: 0 }, end: { kind: 'point', x: 300, y: 120 } },
      { ...elbow, start: { kind: 'point', x: 0, y: 200 }, end: { kind: 'point', x: 300, y: 300 } },
    ],
    colour: '#6b2fbf',
  },
  frame: { shapes: [{ ...frame, w: 500, h: 260 }], colour: '#e3f0ff' },
  drawing: { shapes: [pen], colour: '#a4262c' },
  image: { shapes: [photo, lostPhoto], colour: '#eef1f5' },
};

describe('board PNG', () => {
  for (const [type, { shapes, colour }] of Object.entries(PER_TYPE)) {
    it(`draws a ${type} like the golden picture`, async () => {
      const png = svgToPng(await boardSvg(dataOf(shapes), source), 1);
      // The object's own colour is there (not a blank picture)…
      expect(countColour(decodePng(png), colour)).toBeGreaterThan(50);
      // …and the picture matches the reviewed one, up to anti-aliasing.
      expect(compareGolden(type, png)).toBeLessThan(0.005);
    });
  }

  it('draws the whole board like the golden picture, twice as large at scale 2', async () => {
    const svg = await boardSvg(dataOf(RICH, [pinComment]), source, { pins: true });
    const one = svgToPng(svg, 1);
    expect(compareGolden('board', one)).toBeLessThan(0.005);
    const two = decodePng(svgToPng(svg, 2));
    expect([two.width, two.height]).toEqual([2360, 1624]);
    // The embedded photo's pixels are in the picture.
    expect(countColour(decodePng(one), '#1a6ed2', 12)).toBeGreaterThan(20);
  });
});

// --- PDF -----------------------------------------------------------------------------------

describe('board PDF', () => {
  let svg: string;
  beforeAll(async () => {
    svg = await boardSvg(dataOf(RICH), source, { title: board.name });
  });

  it('is one landscape A4 page with every text selectable, æøå included', async () => {
    const pdf = await boardPdf(svg, { paper: 'a4', title: board.name });
    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    const text = squash(info.text);
    expect(text).toContain(squash(board.name));
    for (const t of Object.values(TEXTS)) expect(text, t).toContain(squash(t));
    for (const word of ['Blåbærsyltetøy', 'Økt', 'pårørendestøtte', 'Ærlig', 'løses?'])
      expect(info.text).toContain(word);
  });

  it('is A3 landscape when asked, with Inter embedded and the photo as an image', async () => {
    const pdf = await boardPdf(svg, { paper: 'a3' });
    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(1);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([1191, 842]);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Inter-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Inter-Bold/);
    expect(raw).toContain('/Subtype /Image');
    // No fallback to PDF's standard fonts (which cannot show æøå reliably).
    expect(raw).not.toContain('/Helvetica');
  });
});

// --- routes --------------------------------------------------------------------------------

describe('board export routes', () => {
  let server: RunningServer & { dataDir: string };
  let baseUrl: string;
  const api = apiCaller(() => baseUrl);
  let workshopId: string;
  let facilitator: string;
  let observer: string;
  let boardId: string;
  let boardName: string;
  let otherToken: string;

  beforeAll(async () => {
    server = await startTestServer();
    baseUrl = `http://127.0.0.1:${server.port}`;
    const created = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Helse 2035',
      date: '2026-11-23',
      groups: ['Gruppe Øst', 'Gruppe Vest'],
      facilitatorName: 'Fasilitator',
    });
    expect(created.status).toBe(201);
    workshopId = created.body.workshopId as string;
    facilitator = created.body.token as string;
    const obs = await api('POST', '/join', null, {
      code: created.body.observerCode,
      name: 'Politiker',
    });
    expect(obs.status).toBe(201);
    observer = obs.body.token as string;
    const phase = await api('POST', `/workshops/${workshopId}/phases`, facilitator, {
      name: 'Fremtidsreise',
    });
    expect(phase.status).toBe(201);
    boardId = (phase.body.boardIds as string[])[0] ?? '';
    const state = await server.service.state(workshopId);
    boardName = state.boards.find((b) => b.id === boardId)?.name ?? '';
    expect(boardName).toBe('Fremtidsreise – Gruppe Øst');
    const room = await server.registry.acquire(boardDocId(boardId));
    writeShapes(room.doc, [stickyNote, heading], ORIGIN_SERVER);
    server.registry.release(room);
    const other = await api('POST', '/workshops', TEST_ADMIN_TOKEN, {
      title: 'Annen',
      date: '2026-11-23',
      groups: ['X', 'Y'],
      facilitatorName: 'F',
    });
    expect(other.status).toBe(201);
    otherToken = other.body.token as string;
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (p: string, token?: string) =>
    fetch(`${baseUrl}/api${p}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const exportPath = (format: string, query = '', b = boardId) =>
    `/workshops/${workshopId}/boards/${b}/export/${format}${query}`;

  it('refuses a workshop board without a token (401) or with another workshop’s (403)', async () => {
    expect((await get(exportPath('png'))).status).toBe(401);
    expect((await get(exportPath('png'), otherToken)).status).toBe(403);
    expect((await get(`/boards/${boardId}/export/png`)).status).toBe(401);
  });

  it('answers 404 for a board that is not the workshop’s, and 400 for bad options', async () => {
    expect((await get(exportPath('svg', '', 'nosuchboard1'), facilitator)).status).toBe(404);
    expect((await get(exportPath('docx'), facilitator)).status).toBe(404);
    expect((await get(exportPath('png', '?scale=3'), facilitator)).status).toBe(400);
    expect((await get(exportPath('pdf', '?paper=letter'), facilitator)).status).toBe(400);
  });

  it('gives an observer the SVG as a download named after the board, æøå kept', async () => {
    const res = await get(exportPath('svg'), observer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const cd = res.headers.get('content-disposition') ?? '';
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent(`${boardName}.svg`)}`);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.svg"/);
    const svg = await res.text();
    expect(svgTexts(svg).map(squash)).toContain(squash(TEXTS.sticky));
  });

  it('serves PNG at scale 2 and a PDF on A3 with the board’s texts', async () => {
    const one = await get(exportPath('png'), facilitator);
    const two = await get(exportPath('png', '?scale=2'), facilitator);
    expect(one.headers.get('content-type')).toBe('image/png');
    const a = decodePng(new Uint8Array(await one.arrayBuffer()));
    const b = decodePng(new Uint8Array(await two.arrayBuffer()));
    expect(b.width).toBe(a.width * 2);
    expect(countColour(a, '#fff27a')).toBeGreaterThan(1000);

    const pdf = await get(exportPath('pdf', '?paper=a3'), facilitator);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('.pdf');
    const info = await pdfInfo(new Uint8Array(await pdf.arrayBuffer()));
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([1191, 842]);
    expect(squash(info.text)).toContain(squash(TEXTS.heading));
    expect(squash(info.text)).toContain(squash(boardName));
  });

  it('exports an open scratch board without a token; an empty unknown one is 404', async () => {
    const scratch = 'scratchBoard1';
    const room = await server.registry.acquire(boardDocId(scratch));
    writeShapes(room.doc, [stickyNote], ORIGIN_SERVER);
    server.registry.release(room);
    const res = await get(`/boards/${scratch}/export/png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="Tavle scratchBoard1.png"');
    expect((await get('/boards/emptyBoard99/export/svg')).status).toBe(404);
  });
});

describe('download file names', () => {
  it('keeps the exact name for modern browsers and a readable ASCII one for old ones', () => {
    expect(attachment('Brukerreise – Gruppe Øst/Vest.pdf')).toBe(
      `attachment; filename="Brukerreise - Gruppe Ost Vest.pdf"; filename*=UTF-8''${encodeURIComponent('Brukerreise – Gruppe Øst Vest.pdf')}`,
    );
    expect(attachment('Blåbær "kake".png')).toContain('filename="Blabaer kake.png"');
  });
});

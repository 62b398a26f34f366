/**
 * The benchmark's board: 10,000 objects on a grid, built the same way every run, and written
 * into a server through a real y-websocket client.
 */
import {
  type Connector,
  connectorDefaults,
  GEO_KINDS,
  type GeoShape,
  geoDefaults,
  newId,
  ORIGIN_LOCAL,
  type Rect,
  type Shape,
  STICKY_COLORS,
  type Sticky,
  SYNC_PATH,
  stickyDefaults,
  type TextShape,
  textDefaults,
  unionRects,
  writeShapes,
  zAbove,
} from '@torg/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { seededRandom } from '../../server/test/seeded-random.js';

export const COUNTS = { sticky: 5_500, geo: 2_000, text: 1_500, connector: 1_000 } as const;
export const TOTAL = COUNTS.sticky + COUNTS.geo + COUNTS.text + COUNTS.connector;
export const COLUMNS = 100;
const SPACING = 260;
/** Objects per transaction while seeding (one y-websocket message each). */
const BATCH = 1_000;

const WORDS = [
  'Flere eldre',
  'Digital innbyggerdialog',
  'Klimatilpasning',
  'Bolig for unge',
  'Samarbeid på tvers',
  'Tillit',
  'Fraflytting',
  'Nye arbeidsplasser',
  'Kollektivtilbud',
  'Frivillighet',
  'Helse i hjemmet',
  'Kunstig intelligens',
] as const;

export interface Board {
  shapes: Shape[];
  bounds: Rect;
  rows: number;
}

export function buildBoard(): Board {
  const rand = seededRandom(10_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const boxCount = COUNTS.sticky + COUNTS.geo + COUNTS.text;
  // Types spread evenly over the grid (shuffled), so every view has the same mix.
  const types: ('sticky' | 'geo' | 'text')[] = [
    ...Array<'sticky'>(COUNTS.sticky).fill('sticky'),
    ...Array<'geo'>(COUNTS.geo).fill('geo'),
    ...Array<'text'>(COUNTS.text).fill('text'),
  ];
  for (let i = types.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [types[i], types[j]] = [types[j] ?? 'sticky', types[i] ?? 'sticky'];
  }
  let z: string | null = null;
  const nextZ = (): string => {
    z = zAbove(z === null ? [] : [z]);
    return z;
  };
  const shapes: Shape[] = [];
  const cells: (Shape | undefined)[] = [];
  for (let i = 0; i < boxCount; i++) {
    const x = (i % COLUMNS) * SPACING;
    const y = Math.floor(i / COLUMNS) * SPACING;
    const type = types[i] ?? 'sticky';
    let shape: Shape;
    if (type === 'sticky') {
      const words = [pick(WORDS), pick(WORDS)].join(', ');
      shape = {
        ...stickyDefaults(),
        id: newId(),
        x,
        y,
        z: nextZ(),
        text: `${i}: ${words}`,
        color: pick(STICKY_COLORS),
      } satisfies Sticky;
    } else if (type === 'geo') {
      shape = {
        ...geoDefaults(pick(GEO_KINDS)),
        id: newId(),
        x,
        y: y + 30,
        z: nextZ(),
        text: pick(WORDS),
      } satisfies GeoShape;
    } else {
      // 240 wide instead of the default 320 so it stays inside its grid cell.
      shape = {
        ...textDefaults(),
        id: newId(),
        x,
        y: y + 80,
        w: 240,
        z: nextZ(),
        text: pick(WORDS),
      } satisfies TextShape;
    }
    shapes.push(shape);
    cells.push(shape);
  }
  // Connectors between horizontal neighbours that are both stickies, spread over the board.
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const a = cells[i];
    const b = cells[i + 1];
    if (i % COLUMNS !== COLUMNS - 1 && a?.type === 'sticky' && b?.type === 'sticky') {
      pairs.push([a.id, b.id]);
    }
  }
  if (pairs.length < COUNTS.connector) {
    throw new Error(`only ${pairs.length} neighbouring sticky pairs`);
  }
  const step = pairs.length / COUNTS.connector;
  for (let k = 0; k < COUNTS.connector; k++) {
    const [a, b] = pairs[Math.floor(k * step)] ?? ['', ''];
    shapes.push({
      ...connectorDefaults(),
      id: newId(),
      z: nextZ(),
      start: { kind: 'shape', shapeId: a },
      end: { kind: 'shape', shapeId: b },
    } satisfies Connector);
  }
  const bounds = unionRects(shapes.flatMap((s) => (s.type === 'connector' ? [] : [s])));
  if (!bounds) throw new Error('empty board');
  return { shapes, bounds, rows: Math.ceil(boxCount / COLUMNS) };
}

export interface SeedResult {
  seconds: number;
  batches: number;
  maxMessageBytes: number;
  docBytes: number;
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function boardShapeCount(server: { port: number }, boardId: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/boards/${boardId}`);
  if (!res.ok) throw new Error(`GET /api/boards/${boardId}: ${res.status}`);
  const body = (await res.json()) as { shapes: unknown[] };
  return body.shapes.length;
}

export async function seed(
  server: { port: number },
  boardId: string,
  board: Board,
): Promise<SeedResult> {
  const started = performance.now();
  const maxBytes = await fetch(`http://127.0.0.1:${server.port}/api/info`)
    .then((r) => r.json() as Promise<{ limits: { maxMessageBytes: number } }>)
    .then((info) => info.limits.maxMessageBytes);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `ws://127.0.0.1:${server.port}${SYNC_PATH}`,
    `b.${boardId}`,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  let closeInfo = '';
  provider.on('connection-close', (e: CloseEvent | null) => {
    if (e) closeInfo = `${e.code} ${e.reason}`;
  });
  let maxMessageBytes = 0;
  doc.on('update', (update: Uint8Array) => {
    maxMessageBytes = Math.max(maxMessageBytes, update.byteLength);
  });
  try {
    await waitUntil(async () => provider.synced, 'the seeding client to sync', 10_000);
    let batches = 0;
    for (let i = 0; i < board.shapes.length; i += BATCH) {
      writeShapes(doc, board.shapes.slice(i, i + BATCH), ORIGIN_LOCAL);
      batches++;
      if (maxMessageBytes > maxBytes) {
        throw new Error(`a batch of ${BATCH} is ${maxMessageBytes} bytes, over ${maxBytes}`);
      }
    }
    await waitUntil(
      async () => {
        if (closeInfo) throw new Error(`server closed the seeding connection: ${closeInfo}`);
        return (await boardShapeCount(server, boardId)) === TOTAL;
      },
      `GET /api/boards/${boardId} to list ${TOTAL} objects`,
      30_000,
    );
    return {
      seconds: (performance.now() - started) / 1000,
      batches,
      maxMessageBytes,
      docBytes: Y.encodeStateAsUpdate(doc).byteLength,
    };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

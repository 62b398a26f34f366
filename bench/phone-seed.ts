/**
 * The gatherings the phone benchmark opens, made through the server's public API (so it works
 * against any running server, given its administrator token):
 *
 * - a gathering without phases, where each run joins a new participant and lands on the
 *   waiting notice;
 * - a gathering with one phase from the 'future' template, its board filled with notes in the
 *   template's sections to `BOARD_OBJECTS` objects, and one participant of its group.
 */
import {
  boardDocId,
  type Frame,
  ORIGIN_LOCAL,
  readAllShapes,
  STICKY_COLORS,
  STICKY_SIZES,
  type Sticky,
  SYNC_PATH,
  stickyDefaults,
  syncProtocols,
  writeShapes,
  zAbove,
} from '@torg/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Objects on the measured board: the template's own and notes. */
export const BOARD_OBJECTS = 200;
export const TEMPLATE = 'future';
export const GROUPS = ['Gruppe 1', 'Gruppe 2'] as const;

export interface Seeded {
  /** Join code of the gathering without phases. */
  waitingCode: string;
  waitingWorkshopId: string;
  /** A participant of that gathering (for Lighthouse on the waiting page). */
  waitingToken: string;
  boardWorkshopId: string;
  boardId: string;
  /** The participant whose group board it is. */
  boardToken: string;
  templateObjects: number;
  notesAdded: number;
}

type Json = Record<string, unknown>;

export class TorgApi {
  constructor(
    readonly base: string,
    private readonly adminToken: string,
  ) {}

  async call(method: string, path: string, token: string | null, body?: unknown): Promise<Json> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Json;
  }

  async createGathering(title: string) {
    const created = await this.call('POST', '/workshops', this.adminToken, {
      title,
      date: new Date().toISOString().slice(0, 10),
      groups: GROUPS,
      facilitatorName: 'Fasilitator',
    });
    return {
      workshopId: created.workshopId as string,
      facilitatorToken: created.token as string,
      joinCode: created.joinCode as string,
    };
  }

  /** Joins as a participant of the first group; returns the participant's token. */
  async join(code: string, name: string): Promise<string> {
    const info = await this.call('GET', `/join/${code}`, null);
    const group = (info.groups as { id: string }[])[0];
    const joined = await this.call('POST', '/join', null, { code, name, groupId: group?.id });
    return joined.token as string;
  }
}

/** Notes laid out inside the template's frames, in reading order, until `count`. */
function notesInFrames(frames: Frame[], count: number, zs: string[]): Sticky[] {
  const size = STICKY_SIZES.s;
  const gap = 10;
  const header = 60;
  const notes: Sticky[] = [];
  let z = zAbove(zs);
  const cells = frames.flatMap((f) => {
    const cols = Math.max(1, Math.floor((f.w - gap) / (size + gap)));
    const rows = Math.max(1, Math.floor((f.h - header) / (size + gap)));
    return Array.from({ length: cols * rows }, (_, i) => ({
      x: f.x + gap + (i % cols) * (size + gap),
      y: f.y + header + Math.floor(i / cols) * (size + gap),
    }));
  });
  for (let i = 0; i < count; i++) {
    // More notes than cells: the rest go in a second layer, offset a little.
    const cell = cells[i % cells.length] ?? { x: 0, y: 0 };
    const layer = Math.floor(i / Math.max(1, cells.length));
    notes.push({
      ...stickyDefaults(),
      id: `phone-note-${i}`,
      x: cell.x + layer * 20,
      y: cell.y + layer * 20,
      w: size,
      h: size,
      size: 's',
      z,
      color: STICKY_COLORS[i % STICKY_COLORS.length] ?? 'yellow',
      text: `${i + 1}. ${NOTE_TEXTS[i % NOTE_TEXTS.length]}`,
    });
    z = zAbove([z]);
  }
  return notes;
}

const NOTE_TEXTS = [
  'Flere eldre bor hjemme lenger',
  'Digital innbyggerdialog',
  'Klimatilpasning i planarbeidet',
  'Boliger for unge',
  'Samarbeid på tvers av sektorer',
  'Tillit til kommunen',
  'Rekruttering av fagfolk',
  'Kollektivtilbud på kveldstid',
] as const;

/** Opens the board as a standard y-websocket client, runs `work`, and closes it. */
async function withBoard<T>(
  base: string,
  boardId: string,
  token: string,
  work: (doc: Y.Doc) => Promise<T>,
): Promise<T> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${base.replace(/^http/, 'ws')}${SYNC_PATH}`,
    boardDocId(boardId),
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      protocols: syncProtocols(token),
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the board did not sync in 15 s')), 15_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return await work(doc);
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

export async function seedPhoneGatherings(api: TorgApi): Promise<Seeded> {
  const waiting = await api.createGathering('Telefonmåling: venter');
  const waitingToken = await api.join(waiting.joinCode, 'Lighthouse venter');

  const withPhase = await api.createGathering('Telefonmåling: tavle');
  const boardToken = await api.join(withPhase.joinCode, 'Deltaker på telefon');
  const phase = await api.call(
    'POST',
    `/workshops/${withPhase.workshopId}/phases`,
    withPhase.facilitatorToken,
    { name: 'Fremtidsbilder', template: TEMPLATE },
  );
  const boardId = (phase.boardIds as string[])[0];
  if (!boardId) throw new Error('the phase made no board');

  const token = withPhase.facilitatorToken;
  const { templateObjects, notesAdded } = await withBoard(api.base, boardId, token, async (doc) => {
    const shapes = readAllShapes(doc);
    const frames = shapes.filter((s): s is Frame => s.type === 'frame');
    const zs = shapes.map((s) => s.z);
    const notes = notesInFrames(frames, BOARD_OBJECTS - shapes.length, zs);
    writeShapes(doc, notes, ORIGIN_LOCAL);
    // Until a second client reads them from the server: the board the phone will open.
    const deadline = Date.now() + 15_000;
    let stored = 0;
    while (stored < BOARD_OBJECTS) {
      if (Date.now() > deadline)
        throw new Error(`the board holds ${stored} objects, not ${BOARD_OBJECTS}`);
      stored = await withBoard(api.base, boardId, token, async (d) => readAllShapes(d).length);
    }
    return { templateObjects: shapes.length, notesAdded: notes.length };
  });
  return {
    waitingCode: waiting.joinCode,
    waitingWorkshopId: waiting.workshopId,
    waitingToken,
    boardWorkshopId: withPhase.workshopId,
    boardId,
    boardToken,
    templateObjects,
    notesAdded,
  };
}

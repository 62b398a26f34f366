import {
  type Attribution,
  attributionDocId,
  ballotsDocId,
  boardDocId,
  type Comment,
  commentsDocId,
  type Dot,
  type InputRound,
  inputsDocId,
  type Reaction,
  readAllShapes,
  readAttribution,
  readComments,
  readDots,
  readInputs,
  readReactions,
  readRounds,
  readThemeSets,
  readWorkshop,
  type Shape,
  type StakeholderInput,
  type ThemeSet,
  type WorkshopBoard,
  type WorkshopState,
  workshopDocId,
} from '@torg/shared';
import * as Y from 'yjs';
import { boundedAsset } from '../assets/bounded.js';
import { DEFAULT_MAX_IMAGE_PIXELS } from '../config.js';
import type { Storage, StoredAsset, WorkshopRecord } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';

/**
 * Read access to a workshop's data for exports. Two kinds: live, through the running server's
 * document registry (what people see right now, unsaved group-commit updates included), and
 * offline, straight from storage (the CLI, with or without a server running on the same data
 * dir). Either way an export gets copies, never a live document.
 */
export interface ExportSource {
  /**
   * A document's current content as one Yjs update (empty if it does not exist). What the
   * render threads get: encoding is cheap on the event loop, building a copy is not.
   */
  docUpdate(docId: string): Promise<Uint8Array>;
  /** A copy of a document's current content (an empty document if it does not exist). */
  doc(docId: string): Promise<Y.Doc>;
  /**
   * An image, bounded for the renderers (see `assets/bounded.ts`): at most 4096 px a side and
   * the pixel limit, scaled down by sharp if it was stored larger (before uploads were
   * normalised); null when missing or not decodable within the limits.
   */
  asset(id: string): Promise<StoredAsset | null>;
  workshop(id: string): Promise<WorkshopRecord | null>;
}

function copyOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

export function liveSource(
  registry: DocRegistry,
  storage: Storage,
  maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS,
): ExportSource {
  const docUpdate = (docId: string) =>
    registry.withRoom(docId, (room) => Y.encodeStateAsUpdate(room.doc));
  return {
    docUpdate,
    doc: async (docId) => copyOf(await docUpdate(docId)),
    asset: async (id) => boundedAsset(await storage.getAsset(id), maxImagePixels),
    workshop: (id) => storage.getWorkshop(id),
  };
}

export function storageSource(
  storage: Storage,
  maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS,
): ExportSource {
  const docUpdate = async (docId: string) => {
    const updates = await storage.load(docId);
    return updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc());
  };
  return {
    docUpdate,
    doc: async (docId) => copyOf(await docUpdate(docId)),
    asset: async (id) => boundedAsset(await storage.getAsset(id), maxImagePixels),
    workshop: (id) => storage.getWorkshop(id),
  };
}

/** One board of a workshop with everything on and about it. */
export interface BoardData {
  board: WorkshopBoard;
  shapes: Shape[];
  comments: Comment[];
  reactions: Reaction[];
  /** Every stored vote dot of the board (all votes; hidden ones included). */
  dots: Dot[];
  /** Who made and last changed each object, and when (objects the server never saw: none). */
  attribution: Map<string, Attribution>;
}

export interface WorkshopData {
  record: WorkshopRecord;
  state: WorkshopState;
  /** In the workshop's order (see `readWorkshopData`). Archived boards included. */
  boards: BoardData[];
  /** The gathering's input rounds and their inputs (`i.<workshopId>`). */
  inputs: { rounds: InputRound[]; inputs: StakeholderInput[] };
  /** The phases' reviewed themes (same document; see `shared/src/themes/theme-set.ts`). */
  themeSets: ThemeSet[];
}

/** Reads a workshop and all of its boards; null when there is no such workshop. */
export async function readWorkshopData(
  source: ExportSource,
  workshopId: string,
): Promise<WorkshopData | null> {
  const record = await source.workshop(workshopId);
  if (!record) return null;
  const state = readWorkshop(await source.doc(workshopDocId(workshopId)));
  if (!state.meta) return null;
  const phaseOrder = new Map(state.phases.map((p) => [p.id, p.order]));
  const groupOrder = new Map(state.groups.map((g) => [g.id, g.order]));
  // Phase by phase; in a phase the groups' boards in group order, plenary boards last.
  const ordered = [...state.boards].sort(
    (a, b) =>
      (phaseOrder.get(a.phaseId ?? '') ?? -1) - (phaseOrder.get(b.phaseId ?? '') ?? -1) ||
      (groupOrder.get(a.groupId ?? '') ?? 1e9) - (groupOrder.get(b.groupId ?? '') ?? 1e9) ||
      a.createdAt - b.createdAt,
  );
  const boards: BoardData[] = [];
  for (const board of ordered) boards.push(await readBoardData(source, board));
  const inputsDoc = await source.doc(inputsDocId(workshopId));
  const inputs = { rounds: readRounds(inputsDoc), inputs: readInputs(inputsDoc) };
  return { record, state, boards, inputs, themeSets: readThemeSets(inputsDoc) };
}

/** Everything on and about one board. */
export async function readBoardData(
  source: ExportSource,
  board: WorkshopBoard,
): Promise<BoardData> {
  const comments = await source.doc(commentsDocId(board.id));
  return {
    board,
    shapes: readAllShapes(await source.doc(boardDocId(board.id))),
    comments: readComments(comments),
    reactions: readReactions(comments),
    dots: readDots(await source.doc(ballotsDocId(board.id))),
    attribution: readAttribution(await source.doc(attributionDocId(board.id))),
  };
}

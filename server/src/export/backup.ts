import {
  attributionDocId,
  ballotsDocId,
  boardDocId,
  commentsDocId,
  readAllShapes,
  readWorkshop,
  workshopDocId,
} from '@torg/shared';
import * as Y from 'yjs';
import { sniffImage } from '../assets/sniff.js';
import { newGeneration, type TokenSigner } from '../auth/tokens.js';
import { DEFAULT_MAX_IMAGE_BYTES } from '../config.js';
import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import type { NewAsset, Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { generationsOf, putWithNewCodes } from '../workshops/access.js';
import { normaliseBackupImages } from './backup-images.js';
import type { ExportSource } from './source.js';

/**
 * A complete workshop in one JSON-able object, for moving it to another server or keeping it
 * safe: every document (the workshop's and, per board, its board, comments, ballots and
 * attribution documents) as its full Yjs state, and every image its boards show. Ids are kept,
 * so an import restores identical documents. It carries no access: no join or observer codes,
 * no tokens (an import issues new ones).
 */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When the backup was made (ISO 8601). */
  exportedAt: string;
  workshop: {
    id: string;
    /** The workshop record's creation time, milliseconds since the epoch. */
    createdAt: number;
    /** For people and file names only; the workshop document is the source of truth. */
    title: string;
  };
  /** Every board of the workshop (its workshop document's `boards`), archived ones included. */
  boardIds: string[];
  /**
   * Every document: `w.<workshopId>`, and per board `b.`, `c.`, `v.` and `a.<boardId>`, each as
   * base64 of `Y.encodeStateAsUpdate`.
   */
  docs: { id: string; update: string }[];
  /** Every image asset shown on the boards (found via image shapes' `assetId`). */
  assets: {
    id: string;
    boardId: string;
    mime: string;
    width: number;
    height: number;
    /** Base64 of the image bytes. */
    data: string;
  }[];
}

export const BACKUP_FORMAT = 'torg-workshop-backup';
export const BACKUP_VERSION = 1;

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The document ids of a board (board, comments, ballots, attribution). */
function boardDocIds(boardId: string): string[] {
  return [
    boardDocId(boardId),
    commentsDocId(boardId),
    ballotsDocId(boardId),
    attributionDocId(boardId),
  ];
}

/** Every document id of a workshop with these boards, workshop document first. */
export function backupDocIds(workshopId: string, boardIds: readonly string[]): string[] {
  return [workshopDocId(workshopId), ...boardIds.flatMap(boardDocIds)];
}

/** The complete workshop; 404 `not_found` when there is no such workshop. */
export async function exportBackup(source: ExportSource, workshopId: string): Promise<Backup> {
  const noSuch = () => new CommandError(404, 'not_found', 'no such workshop');
  const record = await source.workshop(workshopId);
  if (!record) throw noSuch();
  const wDoc = await source.doc(workshopDocId(workshopId));
  const state = readWorkshop(wDoc);
  if (!state.meta) throw noSuch();
  const boardIds = state.boards.map((b) => b.id);
  const inWorkshop = new Set(boardIds);
  const docs: Backup['docs'] = [{ id: workshopDocId(workshopId), update: encode(wDoc) }];
  const assets: Backup['assets'] = [];
  const seen = new Set<string>();
  for (const boardId of boardIds) {
    for (const docId of boardDocIds(boardId)) {
      const doc = await source.doc(docId);
      docs.push({ id: docId, update: encode(doc) });
      if (docId !== boardDocId(boardId)) continue;
      for (const shape of readAllShapes(doc)) {
        if (shape.type !== 'image' || seen.has(shape.assetId)) continue;
        seen.add(shape.assetId);
        const asset = await source.asset(shape.assetId);
        if (!asset) continue; // a broken image stays broken; nothing to carry
        assets.push({
          id: asset.id,
          // An image copied from another workshop's board is kept with the board showing it,
          // so it goes (and is deleted) with this workshop.
          boardId: inWorkshop.has(asset.boardId) ? asset.boardId : boardId,
          mime: asset.mime,
          width: asset.width,
          height: asset.height,
          data: toBase64(asset.data),
        });
      }
    }
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    workshop: { id: workshopId, createdAt: record.createdAt, title: state.meta.title },
    boardIds,
    docs,
    assets,
  };
}

function encode(doc: Y.Doc): string {
  return toBase64(Y.encodeStateAsUpdate(doc));
}

// --- import ---

const ID = /^[A-Za-z0-9_-]{4,64}$/;
/** Largest single document in a backup (base64 characters). */
const MAX_DOC_CHARS = 100 * 1024 * 1024;
const MAX_BOARDS = 1_000;
const MAX_ASSETS = 10_000;

// The server has no zod of its own (it is shared's dependency), so the shape is checked by
// hand: every field, its type, pattern and size, and no unknown keys.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function keysOnly(v: Obj, at: string, keys: readonly string[]): void {
  for (const k of Object.keys(v))
    if (!keys.includes(k)) throw invalid(`${at}: unknown field "${k}"`);
}
function str(v: Obj, key: string, at: string, max: number): string {
  const x = v[key];
  if (typeof x !== 'string') throw invalid(`${at}.${key}: must be a string`);
  if (x.length > max) throw invalid(`${at}.${key}: longer than ${max} characters`);
  return x;
}
function idOf(v: Obj, key: string, at: string): string {
  const x = str(v, key, at, 64);
  if (!ID.test(x)) throw invalid(`${at}.${key}: not a valid id`);
  return x;
}
function int(v: Obj, key: string, at: string): number {
  const x = v[key];
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0)
    throw invalid(`${at}.${key}: must be a whole number ≥ 0`);
  return x;
}
/** Strict base64 (standard alphabet, padded), as `Buffer.toString('base64')` writes it. */
function b64(v: Obj, key: string, at: string, max: number): string {
  const x = str(v, key, at, max);
  if (x.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(x))
    throw invalid(`${at}.${key}: not valid base64`);
  return x;
}
function arr(v: Obj, key: string, at: string, max: number): unknown[] {
  const x = v[key];
  if (!Array.isArray(x)) throw invalid(`${at}.${key}: must be a list`);
  if (x.length > max) throw invalid(`${at}.${key}: more than ${max} entries`);
  return x;
}
function obj(x: unknown, at: string): Obj {
  if (!isObj(x)) throw invalid(`${at}: must be an object`);
  return x;
}

/** The backup as its JSON says, shape-checked (its contents are checked after). */
function parseShape(raw: unknown, maxImageBytes: number): Backup {
  const b = obj(raw, 'backup');
  if (b.format !== BACKUP_FORMAT)
    throw invalid(`format: not a Torg workshop backup (expected "${BACKUP_FORMAT}")`);
  if (b.version !== BACKUP_VERSION)
    throw invalid(
      `version: unsupported version ${JSON.stringify(b.version)} (this server reads version ${BACKUP_VERSION})`,
    );
  keysOnly(b, 'backup', [
    'format',
    'version',
    'exportedAt',
    'workshop',
    'boardIds',
    'docs',
    'assets',
  ]);
  const w = obj(b.workshop, 'workshop');
  keysOnly(w, 'workshop', ['id', 'createdAt', 'title']);
  const maxAssetChars = Math.ceil(maxImageBytes / 3) * 4;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: str(b, 'exportedAt', 'backup', 100),
    workshop: {
      id: idOf(w, 'id', 'workshop'),
      createdAt: int(w, 'createdAt', 'workshop'),
      title: str(w, 'title', 'workshop', 1_000),
    },
    boardIds: arr(b, 'boardIds', 'backup', MAX_BOARDS).map((x, i) => {
      if (typeof x !== 'string' || !ID.test(x)) throw invalid(`boardIds.${i}: not a valid id`);
      return x;
    }),
    docs: arr(b, 'docs', 'backup', 1 + 4 * MAX_BOARDS).map((x, i) => {
      const at = `docs.${i}`;
      const d = obj(x, at);
      keysOnly(d, at, ['id', 'update']);
      return { id: str(d, 'id', at, 100), update: b64(d, 'update', at, MAX_DOC_CHARS) };
    }),
    assets: arr(b, 'assets', 'backup', MAX_ASSETS).map((x, i) => {
      const at = `assets.${i}`;
      const a = obj(x, at);
      keysOnly(a, at, ['id', 'boardId', 'mime', 'width', 'height', 'data']);
      const data = b64(a, 'data', at, maxAssetChars + 4);
      return {
        id: idOf(a, 'id', at),
        boardId: idOf(a, 'boardId', at),
        mime: str(a, 'mime', at, 100),
        width: int(a, 'width', at),
        height: int(a, 'height', at),
        data,
      };
    }),
  };
}

const invalid = (message: string) => new CommandError(400, 'invalid_backup', message);

interface CheckedBackup {
  workshopId: string;
  createdAt: number;
  boardIds: string[];
  /** Document id → its state update (every expected document, workshop document first). */
  docs: Map<string, Uint8Array>;
  /** Documents without any content (never written on the source either). */
  emptyDocs: Set<string>;
  assets: NewAsset[];
  facilitatorId: string;
  /** Whether joining was open when it was backed up (absent in older backups: not ended). */
  joinOpen: boolean;
}

/** Decodes a document's update strictly: it must apply completely to an empty document. */
function decodeDoc(docId: string, text: string): { update: Uint8Array; doc: Y.Doc } {
  const update = new Uint8Array(Buffer.from(text, 'base64'));
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch (err) {
    throw invalid(`document ${docId} is not a valid Yjs update (${errorMessage(err)})`);
  }
  // A truncated or inconsistent update leaves structs waiting for what is missing.
  if (doc.store.pendingStructs || doc.store.pendingDs)
    throw invalid(`document ${docId} is incomplete (it refers to changes it does not contain)`);
  return { update, doc };
}

/** Validates a backup completely, before anything is written; 400 `invalid_backup` if not. */
export function checkBackup(raw: unknown, maxImageBytes = DEFAULT_MAX_IMAGE_BYTES): CheckedBackup {
  const b = parseShape(raw, maxImageBytes);
  const workshopId = b.workshop.id;
  if (new Set(b.boardIds).size !== b.boardIds.length)
    throw invalid('boardIds: a board is listed twice');
  const expected = backupDocIds(workshopId, b.boardIds);
  const given = new Map<string, string>();
  for (const d of b.docs) {
    if (!expected.includes(d.id))
      throw invalid(`docs: ${d.id} is not a document of workshop ${workshopId}`);
    if (given.has(d.id)) throw invalid(`docs: ${d.id} is listed twice`);
    given.set(d.id, d.update);
  }
  const docs = new Map<string, Uint8Array>();
  const emptyDocs = new Set<string>();
  let state: ReturnType<typeof readWorkshop> | null = null;
  for (const docId of expected) {
    const text = given.get(docId);
    if (text === undefined) throw invalid(`docs: ${docId} is missing`);
    const { update, doc } = decodeDoc(docId, text);
    docs.set(docId, update);
    if (Y.encodeStateVector(doc).length <= 1) emptyDocs.add(docId);
    if (docId === workshopDocId(workshopId)) state = readWorkshop(doc);
    doc.destroy();
  }
  if (!state) throw invalid('the workshop document is missing');
  if (!state.meta) throw invalid('the workshop document has no valid workshop in it');
  const inDoc = state.boards.map((x) => x.id).sort();
  if (inDoc.join() !== [...b.boardIds].sort().join())
    throw invalid('boardIds: not the boards of the workshop document');
  const facilitator = state.participants.find((p) => p.role === 'facilitator');
  if (!facilitator) throw invalid('the workshop has no facilitator to hand the import to');

  const boards = new Set(b.boardIds);
  const assets: NewAsset[] = [];
  const assetIds = new Set<string>();
  for (const [i, a] of b.assets.entries()) {
    const at = `assets.${i}`;
    if (assetIds.has(a.id)) throw invalid(`${at}: asset ${a.id} is listed twice`);
    assetIds.add(a.id);
    if (!boards.has(a.boardId)) throw invalid(`${at}: board ${a.boardId} is not in the backup`);
    const data = new Uint8Array(Buffer.from(a.data, 'base64'));
    if (data.length > maxImageBytes)
      throw invalid(`${at}: larger than this server's image limit (${maxImageBytes} bytes)`);
    // The same rule as an upload: the type comes from the bytes.
    const image = sniffImage(data);
    if (!image || image.mime !== a.mime || image.width !== a.width || image.height !== a.height)
      throw invalid(`${at}: the data is not a ${a.mime} image of ${a.width}×${a.height}`);
    assets.push({ id: a.id, boardId: a.boardId, ...image, data });
  }
  return {
    workshopId,
    createdAt: b.workshop.createdAt,
    boardIds: b.boardIds,
    docs,
    emptyDocs,
    assets,
    facilitatorId: facilitator.id,
    joinOpen: state.meta.joinOpen ?? !state.meta.ended,
  };
}

export interface ImportDeps {
  storage: Storage;
  registry: DocRegistry;
  tokens: TokenSigner;
  logger: Logger;
  maxImageBytes?: number;
  maxImagePixels?: number;
  /** The facilitator account that imports it and then owns it; none with the admin token. */
  ownerId?: string | null;
}

export interface Imported {
  workshopId: string;
  token: string;
  joinCode: string;
  observerCode: string;
}

const exists = (what: string) =>
  new CommandError(409, 'already_exists', `${what} already exists on this server`);

/** Whether a document has content here, stored or in memory (then it is kept loaded). */
async function docInUse(registry: DocRegistry, docId: string): Promise<boolean> {
  return registry.withRoom(
    docId,
    (room) => room.members.size > 0 || Y.encodeStateVector(room.doc).length > 1,
  );
}

/**
 * Restores a backup under its own ids with new codes and a new facilitator token (for the
 * first facilitator of the workshop). All or nothing: invalid → 400, any id taken → 409
 * (a workshop, board, image or document with content on this server: never a tombstone,
 * which the restore lifts), both before anything is written; a failure while writing
 * removes what was written.
 */
export async function importBackup(deps: ImportDeps, raw: unknown): Promise<Imported> {
  const { storage, registry, tokens, logger } = deps;
  const b = checkBackup(raw, deps.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES);
  // Re-encoded like an upload, before anything is written; one that cannot be is a 400.
  b.assets = await normaliseBackupImages(b.assets, deps);
  const { workshopId } = b;

  if (await storage.getWorkshop(workshopId)) throw exists(`workshop ${workshopId}`);
  for (const boardId of b.boardIds)
    if (await storage.boardWorkshop(boardId)) throw exists(`board ${boardId}`);
  for (const a of b.assets) if (await storage.getAsset(a.id)) throw exists(`image ${a.id}`);
  // Anything typed moments ago is written before the look.
  await registry.flush();
  for (const docId of b.docs.keys())
    if (await docInUse(registry, docId)) throw exists(`document ${docId}`);
  // Drop the empty rooms the look loaded, so the imported content is what loads next.
  for (const docId of b.docs.keys()) await registry.destroyDoc(docId);

  // The workshop row first: its primary key also stops a concurrent import of the same backup.
  // A new token generation: no token of the workshop's earlier life (on this server or the
  // one it came from) is valid here, however often the backup is restored.
  const record = await putWithNewCodes(
    storage,
    {
      id: workshopId,
      createdAt: b.createdAt,
      ownerId: deps.ownerId ?? null,
      tokenGen: newGeneration(),
      joinGen: 0,
      joinOpen: b.joinOpen,
    },
    async () => {
      if (await storage.getWorkshop(workshopId)) throw exists(`workshop ${workshopId}`);
    },
  );
  try {
    await storage.addBoards(workshopId, b.boardIds);
    for (const [docId, update] of b.docs) {
      // An empty document (e.g. a board nobody voted on) is simply absent, as on the source.
      if (b.emptyDocs.has(docId)) continue;
      await storage.compact(docId, update);
    }
    for (const a of b.assets) await storage.putAsset(a);
    // Restoring a deleted workshop: exactly its ids come back to life (the rows above already
    // make them the workshop's, so no moment lets them be anything else).
    await storage.access.removeTombstones([workshopId, ...b.boardIds]);
  } catch (err) {
    logger.error('workshop.import_failed', { workshopId, error: errorMessage(err) });
    await removeImported(deps, b);
    throw err;
  }
  const token = tokens.sign(
    { workshopId, participantId: b.facilitatorId, role: 'facilitator' },
    generationsOf(record),
  );
  logger.info('workshop.imported', {
    workshopId,
    boards: b.boardIds.length,
    assets: b.assets.length,
  });
  return { workshopId, token, joinCode: record.joinCode, observerCode: record.observerCode };
}

async function removeImported(deps: ImportDeps, b: CheckedBackup): Promise<void> {
  const { storage, registry, logger } = deps;
  try {
    for (const docId of b.docs.keys()) await registry.destroyDoc(docId);
    for (const boardId of b.boardIds) await storage.deleteBoardAssets(boardId);
    await storage.deleteWorkshop(b.workshopId);
  } catch (err) {
    logger.error('workshop.import_cleanup_failed', {
      workshopId: b.workshopId,
      error: errorMessage(err),
    });
  }
}

import { readWorkshop, workshopDocId } from '@torg/shared';
import * as Y from 'yjs';
import { sniffImage } from '../assets/sniff.js';
import { DEFAULT_MAX_IMAGE_BYTES } from '../config.js';
import { errorMessage } from '../logger.js';
import type { NewAsset } from '../storage/storage.js';
import { backupDocIds, optionalBackupDocIds } from './backup-format.js';

/** An empty document's update, base64 (a document a backup may lack). */
const EMPTY_DOC = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64');

import { invalid, parseShape } from './backup-parse.js';

/** A backup that is known to import cleanly: its documents decoded, its images checked. */
export interface CheckedBackup {
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
  /** The series the gathering was in (its workshop document says), or null. */
  seriesId: string | null;
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
  const optional = new Set(optionalBackupDocIds(workshopId));
  const docs = new Map<string, Uint8Array>();
  const emptyDocs = new Set<string>();
  let state: ReturnType<typeof readWorkshop> | null = null;
  for (const docId of expected) {
    const text = given.get(docId) ?? (optional.has(docId) ? EMPTY_DOC : undefined);
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
    seriesId: state.series?.id ?? null,
  };
}

import { MAX_SERIES_GATHERINGS, ORIGIN_SERVER, workshopDocId, writeSeries } from '@torg/shared';
import * as Y from 'yjs';
import { newGeneration, type TokenSigner } from '../auth/tokens.js';
import { DEFAULT_MAX_IMAGE_BYTES } from '../config.js';
import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import { updateSnapshot } from '../storage/snapshot.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { generationsOf, putWithNewCodes } from '../workshops/access.js';
import { type CheckedBackup, checkBackup } from './backup-check.js';
import { normaliseBackupImages } from './backup-images.js';

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
  await keepSeriesIfAllowed(b, storage, deps.ownerId ?? null);

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
      await storage.compact(docId, updateSnapshot(update));
    }
    for (const a of b.assets) await storage.putAsset(a);
    // Back in its series (the series is the gatherings that say so; see shared/src/series.ts).
    if (b.seriesId) await storage.setWorkshopSeries(workshopId, b.seriesId);
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

/**
 * A backup names the series its gathering was in, and a series id is no secret (every member
 * reads it). So the gathering goes back into that series only where the importer may put it
 * there: a series with no gathering on this server (restoring a series elsewhere), or one with
 * a gathering the importer owns (the administrator: an ownerless one), below the cap.
 * Otherwise the link is taken out of the workshop document before anything is written: a
 * crafted backup cannot join someone else's series, whose facilitators it would become.
 */
async function keepSeriesIfAllowed(
  b: CheckedBackup,
  storage: Storage,
  ownerId: string | null,
): Promise<void> {
  if (!b.seriesId) return;
  const ids = await storage.seriesWorkshops(b.seriesId);
  let allowed = ids.length === 0;
  for (const id of ids) if ((await storage.getWorkshop(id))?.ownerId === ownerId) allowed = true;
  if (allowed && ids.length < MAX_SERIES_GATHERINGS) return;
  const docId = workshopDocId(b.workshopId);
  const update = b.docs.get(docId);
  if (!update) return;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  doc.transact(() => writeSeries(doc, null), ORIGIN_SERVER);
  b.docs.set(docId, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  b.seriesId = null;
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

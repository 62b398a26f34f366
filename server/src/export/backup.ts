import { boardDocId, inputsDocId, readAllShapes, readWorkshop, workshopDocId } from '@torg/shared';
import * as Y from 'yjs';
import { CommandError } from '../errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, boardDocIds } from './backup-format.js';
import type { ExportSource } from './source.js';

export { checkBackup } from './backup-check.js';
// A workshop backup in parts: its format (backup-format.ts), writing one (here), reading one
// (backup-parse.ts for the JSON's shape, backup-check.ts for what is inside), and restoring it
// (backup-import.ts, with backup-images.ts re-encoding its images like uploads).
export * from './backup-format.js';
export { type ImportDeps, type Imported, importBackup } from './backup-import.js';

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

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
  const inputs = await source.doc(inputsDocId(workshopId));
  const docs: Backup['docs'] = [
    { id: workshopDocId(workshopId), update: encode(wDoc) },
    { id: inputsDocId(workshopId), update: encode(inputs) },
  ];
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

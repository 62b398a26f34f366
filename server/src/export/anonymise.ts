import {
  COMMENTS_DOC,
  dropContributorNames,
  inputsDocId,
  type Locale,
  ORIGIN_SERVER,
  parseDocId,
  readWorkshop,
  renameParticipants,
  workshopDocId,
} from '@torg/shared';
import type * as Y from 'yjs';
import { nameMap } from './report.js';
import type { ExportSource } from './source.js';

/**
 * An export source that hands out documents with every person's name replaced by their
 * pseudonym ("Deltaker 1, 2, …", numbered as `nameMap` does): the workshop document's
 * participants and the comments' author names; the names stakeholders gave with their inputs
 * are dropped. Everything
 * an export writes comes through it, so no file of an anonymised export can carry a real name
 * (names people typed into the board content itself are that content, and stay).
 */
export async function anonymisedSource(
  source: ExportSource,
  workshopId: string,
  locale: Locale,
): Promise<ExportSource> {
  // The report's numbering, so every file of the export calls a person the same.
  const name = nameMap(readWorkshop(await source.doc(workshopDocId(workshopId))), true, locale);
  const rename = (map: Y.Map<unknown>, idField: string, nameField: string) => {
    for (const [key, value] of [...map.entries()]) {
      if (typeof value !== 'object' || value === null) continue;
      const record = value as Record<string, unknown>;
      const id = record[idField];
      map.set(key, { ...record, [nameField]: typeof id === 'string' ? name(id) : '' });
    }
  };
  return {
    ...source,
    async doc(docId) {
      const doc = await source.doc(docId);
      const kind = parseDocId(docId)?.kind;
      // A contributor's name, given or not, is no name for an anonymised export.
      if (docId === inputsDocId(workshopId)) {
        doc.transact(() => dropContributorNames(doc), ORIGIN_SERVER);
        return doc;
      }
      doc.transact(() => {
        if (kind === 'workshop') renameParticipants(doc, name);
        if (kind === 'comments')
          rename(doc.getMap(COMMENTS_DOC.comments), 'authorId', 'authorName');
      }, ORIGIN_SERVER);
      return doc;
    },
  };
}

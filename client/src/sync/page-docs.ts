import { boardDocId, readWorkshop, workshopDocId } from '@torg/shared';
import { type EarlyOptions, openEarly } from './early.js';

/*
 * How the pages open their documents: one place for the options, because a document opened
 * early (before its page's code has arrived) is only taken over by a page that asks for it
 * with the same ones. No React here: src/open-early.ts uses it.
 */

/** A board: kept in IndexedDB too (offline-first, edits kept across reloads). */
export function boardDoc(boardId: string, token: string | null) {
  return { docId: boardDocId(boardId), options: { token, offline: true } };
}

/**
 * A workshop's document, read by `readWorkshop` (the server is its only writer), with
 * everyone connected to it; kept in IndexedDB so a reload offline knows groups and boards.
 */
export function workshopDoc(workshopId: string, token: string | null) {
  return {
    docId: workshopDocId(workshopId),
    options: { token, offline: true, members: 'all', read: readWorkshop } satisfies EarlyOptions<
      ReturnType<typeof readWorkshop>
    >,
  };
}

/** Starts opening a board a page will show in a moment (see `openEarly`). */
export function openBoardEarly(boardId: string, token: string | null): void {
  const { docId, options } = boardDoc(boardId, token);
  openEarly(docId, options);
}

/** Starts opening a workshop's document a page will show in a moment (see `openEarly`). */
export function openWorkshopEarly(workshopId: string, token: string): void {
  const { docId, options } = workshopDoc(workshopId, token);
  openEarly(docId, options);
}

import { isValidId } from '@torg/shared';
import { openBoardEarly, openWorkshopEarly } from './sync/page-docs.js';
import { captureFragmentToken, decodeToken, getToken } from './workshop/tokens.js';

/**
 * The first script of a board's link (`/w/<workshop>/b/<board>`; the server names it in that
 * page only, see server/src/routes/page-preloads.ts). It needs none of the app's code: it
 * opens the workshop's and the board's documents while the rest of the page's code is still
 * arriving, and the page takes them over when it asks for them (sync/early.ts). On a phone on
 * a venue's wifi the board's content is then there when the page is ready to draw it, not a
 * few round trips later (issue 18).
 */
function openLinkedBoard(): void {
  const link = /^\/w\/([^/]+)\/b\/([^/]+)\/?$/.exec(window.location.pathname);
  const [, workshopId = '', boardId = ''] = link ?? [];
  if (!isValidId(workshopId) || !isValidId(boardId)) return;
  captureFragmentToken(workshopId);
  const token = getToken(workshopId);
  // A token of another workshop: the page says so; nothing to open.
  if (!token || decodeToken(token)?.workshopId !== workshopId) return;
  // The board first: its content is the most to come.
  openBoardEarly(boardId, token);
  openWorkshopEarly(workshopId, token);
}

openLinkedBoard();

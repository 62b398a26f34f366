import { isValidId } from '@torg/shared';
import { openBoardEarly, openWorkshopEarly } from './sync/page-docs.js';
import { captureFragmentToken, decodeToken, getToken } from './workshop/tokens.js';

/**
 * The first script of a board's link (`/w/<workshop>/b/<board>` and an open board's
 * `/b/<board>`; the server names it in those pages only, see
 * server/src/routes/page-preloads.ts). It needs none of the app's code: it opens the board's
 * (and the workshop's) documents while the rest of the page's code is still arriving, and the
 * page takes them over when it asks for them (sync/early.ts). On a phone on a venue's wifi
 * the board's content is then there when the page is ready to draw it, not a few round trips
 * later (issue 18); a 10,000-object board arrives 300 ms sooner (issue 23).
 */
function openLinkedBoard(): void {
  const scratch = /^\/b\/([^/]+)\/?$/.exec(window.location.pathname)?.[1];
  // An open board: no token. On a server without open boards the connection is refused and
  // the early document closed again after a while; the page says there are none.
  if (scratch && isValidId(scratch)) {
    openBoardEarly(scratch, null);
    return;
  }
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

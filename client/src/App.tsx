import { isValidId } from '@torg/shared';
import { useT } from './i18n/LocaleProvider.js';
import { HomePage } from './pages/HomePage.js';
import { InvitePage } from './pages/InvitePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { ScratchBoardRoute } from './pages/ScratchBoardRoute.js';
import { usePath } from './router.js';
import { WorkshopRoute } from './workshop/WorkshopRoute.js';

export { navigate } from './router.js';

/**
 * Client-side routes: `/`, `/b/<boardId>` (an open scratch board), `/j/<code>` (join a
 * workshop), `/invite/<secret>` (a facilitator's invite), and a workshop's pages under `/w/<workshopId>`: its home, `/console`
 * (facilitators) and `/b/<boardId>`.
 */
export function App() {
  const path = usePath();
  const t = useT();
  if (path === '/' || path === '') return <HomePage />;
  const board = /^\/b\/([^/]+)\/?$/.exec(path);
  const boardId = board?.[1];
  if (boardId && isValidId(boardId)) return <ScratchBoardRoute key={boardId} boardId={boardId} />;
  const join = /^\/j\/([^/]+)\/?$/.exec(path);
  if (join?.[1]) {
    const code = decodeURIComponent(join[1]);
    return <JoinPage key={code} code={code} />;
  }
  const invite = /^\/invite\/([^/]+)\/?$/.exec(path);
  if (invite?.[1]) {
    const token = safeDecode(invite[1]);
    return <InvitePage key={token} token={token} />;
  }
  const workshop = /^\/w\/([^/]+)(?:\/(.*?))?\/?$/.exec(path);
  if (workshop?.[1] && isValidId(workshop[1]))
    return <WorkshopRoute key={workshop[1]} workshopId={workshop[1]} subPath={workshop[2] ?? ''} />;
  return (
    <main className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('board.home')}</a>
      </p>
    </main>
  );
}

/** A path segment as text; a malformed escape stays as it came (the server then says unknown). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

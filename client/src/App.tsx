import { isValidId } from '@torg/shared';
import { BoardPage } from './board/BoardPage.js';
import { useT } from './i18n/LocaleProvider.js';
import { HomePage } from './pages/HomePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { usePath } from './router.js';
import { BoardExportMenu } from './workshop/BoardExportMenu.js';
import { WorkshopRoute } from './workshop/WorkshopRoute.js';

export { navigate } from './router.js';

/**
 * Client-side routes: `/`, `/b/<boardId>` (an open scratch board), `/j/<code>` (join a
 * workshop), and a workshop's pages under `/w/<workshopId>`: its home, `/console`
 * (facilitators) and `/b/<boardId>`.
 */
export function App() {
  const path = usePath();
  const t = useT();
  if (path === '/' || path === '') return <HomePage />;
  const board = /^\/b\/([^/]+)\/?$/.exec(path);
  const boardId = board?.[1];
  if (boardId && isValidId(boardId))
    return (
      <BoardPage
        key={boardId}
        boardId={boardId}
        toolbarExtra={() => (
          <BoardExportMenu
            boardId={boardId}
            boardName={`torg-${boardId}`}
            workshopId={null}
            token={null}
          />
        )}
      />
    );
  const join = /^\/j\/([^/]+)\/?$/.exec(path);
  if (join?.[1]) {
    const code = decodeURIComponent(join[1]);
    return <JoinPage key={code} code={code} />;
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

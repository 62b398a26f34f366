import { isValidId } from '@torg/shared';
import { useEffect, useState } from 'react';
import { BoardPage } from './board/BoardPage.js';
import { useT } from './i18n/LocaleProvider.js';
import { HomePage } from './pages/HomePage.js';

/** Client-side routes: `/` and `/b/<boardId>`. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}

export function App() {
  const path = usePath();
  const t = useT();
  if (path === '/' || path === '') return <HomePage />;
  const board = /^\/b\/([^/]+)\/?$/.exec(path);
  if (board?.[1] && isValidId(board[1])) return <BoardPage key={board[1]} boardId={board[1]} />;
  return (
    <main className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('board.home')}</a>
      </p>
    </main>
  );
}

import { useEffect, useState } from 'react';
import { BoardPage } from '../board/BoardPage.js';
import { useT } from '../i18n/LocaleProvider.js';
import { BoardExportMenu } from '../workshop/export/BoardExportMenu.js';

/**
 * `/b/<boardId>`: an open scratch board, when the server has them (`TORG_OPEN_BOARDS`, told
 * by `GET /api/info`). Without them the server refuses the id at every door; this says so
 * instead of "connecting" forever. Offline, the board opens from this browser's copy.
 */
export function ScratchBoardRoute({ boardId }: { boardId: string }) {
  const t = useT();
  const [open, setOpen] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/api/info', { cache: 'no-store' })
      .then((res) => (res.ok ? (res.json() as Promise<{ openBoards?: boolean }>) : null))
      .then(
        (info) => live && setOpen(info ? info.openBoards === true : true),
        () => live && setOpen(true),
      );
    return () => {
      live = false;
    };
  }, []);

  if (open === null) return null;
  if (!open)
    return (
      <main className="page">
        <h1>{t('notFound.title')}</h1>
        <p role="alert">{t('board.noOpenBoards')}</p>
        <p>
          <a href="/">{t('board.home')}</a>
        </p>
      </main>
    );
  return (
    <BoardPage
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
}

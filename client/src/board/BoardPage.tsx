import { useRef } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { BoardCanvas, type BoardCanvasHandle } from './BoardCanvas.js';
import { BoardContentList } from './BoardContentList.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { PresenceBar } from './PresenceBar.js';
import { useBoardSync } from './useBoardSync.js';

export function BoardPage({ boardId }: { boardId: string }) {
  const t = useT();
  const sync = useBoardSync(boardId);
  const canvas = useRef<BoardCanvasHandle>(null);
  if (!sync) return null;
  const { doc, provider, status, ready } = sync;

  return (
    <div className="board-page" data-ready={ready}>
      <header className="toolbar">
        <a className="brand" href="/" aria-label={t('board.home')}>
          {t('app.name')}
        </a>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => canvas.current?.addStickyAtCenter()}
        >
          {t('board.addSticky')}
        </button>
        <PresenceBar awareness={provider.awareness} />
        <ConnectionBadge status={status} />
        <LocaleSwitch />
      </header>
      <BoardCanvas ref={canvas} boardId={boardId} doc={doc} awareness={provider.awareness} />
      <BoardContentList doc={doc} />
    </div>
  );
}

import { useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { BoardCanvas } from './BoardCanvas.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { ContextBar } from './ContextBar.js';
import { useEditor, useEditorCore } from './editor.js';
import { Minimap } from './Minimap.js';
import { OutlinePanel } from './OutlinePanel.js';
import { PresenceBar } from './PresenceBar.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Toolbar } from './Toolbar.js';
import { type BoardSync, useBoardSync } from './useBoardSync.js';
import { useDebugHandle } from './useDebugHandle.js';
import { useShortcuts } from './useShortcuts.js';
import { ZoomControls } from './ZoomControls.js';

export function BoardPage({ boardId }: { boardId: string }) {
  const sync = useBoardSync(boardId);
  if (!sync) return null;
  return <Board boardId={boardId} sync={sync} />;
}

function Board({ boardId, sync }: { boardId: string; sync: BoardSync }) {
  const t = useT();
  const core = useEditorCore(boardId, sync.doc, sync.provider.awareness);
  const [notice, setNotice] = useState<string | null>(null);
  const api = useEditor(core, (key) => setNotice(key));
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [minimapOpen, setMinimapOpen] = useState(true);
  useShortcuts(api, {
    toggleOutline: () => setOutlineOpen((o) => !o),
    showHelp: () => setHelpOpen(true),
  });
  useDebugHandle(api, sync.ready);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping image files; the image tool button is the keyboard way to the same
    <div
      className="board-page"
      data-ready={sync.ready}
      onDragOver={(e) => {
        if ([...e.dataTransfer.items].some((i) => i.kind === 'file')) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
        if (!file) return;
        e.preventDefault();
        const rect = (e.target as HTMLElement)
          .closest('[data-testid="board-canvas"]')
          ?.getBoundingClientRect();
        const at = rect
          ? {
              x: (e.clientX - rect.left - api.state.camera.x) / api.state.camera.scale,
              y: (e.clientY - rect.top - api.state.camera.y) / api.state.camera.scale,
            }
          : undefined;
        void api.placeImageFile(file, at);
      }}
    >
      <header className="toolbar">
        <a className="brand" href="/" aria-label={t('board.home')}>
          {t('app.name')}
        </a>
        <Toolbar
          api={api}
          outlineOpen={outlineOpen}
          onToggleOutline={() => setOutlineOpen((o) => !o)}
          onHelp={() => setHelpOpen(true)}
        />
        <PresenceBar api={api} />
        <ConnectionBadge status={sync.status} />
        <LocaleSwitch />
      </header>
      <ContextBar api={api} />
      {notice && (
        <p className="notice" role="alert">
          {t(notice as 'image.failed')}{' '}
          <button type="button" className="chip" onClick={() => setNotice(null)}>
            {t('notice.dismiss')}
          </button>
        </p>
      )}
      <div className="board-main">
        <BoardCanvas api={api} />
        {outlineOpen && <OutlinePanel api={api} onClose={() => setOutlineOpen(false)} />}
        <div className="board-corner">
          {minimapOpen && <Minimap api={api} />}
          <ZoomControls
            api={api}
            minimapOpen={minimapOpen}
            onToggleMinimap={() => setMinimapOpen((o) => !o)}
          />
        </div>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

import type { Point, Rect, Shape } from '@torg/shared';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { BoardCanvas } from './BoardCanvas.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { ContextBar } from './ContextBar.js';
import { type EditorApi, useEditor, useEditorCore } from './editor.js';
import { Minimap } from './Minimap.js';
import { OutlinePanel } from './OutlinePanel.js';
import { PresenceBar } from './PresenceBar.js';
import { SelectionAnnouncer } from './SelectionAnnouncer.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Toolbar } from './Toolbar.js';
import { type BoardSync, useBoardSync } from './useBoardSync.js';
import { useDebugHandle } from './useDebugHandle.js';
import { useShortcuts } from './useShortcuts.js';
import { ZoomControls } from './ZoomControls.js';

/** What a workshop adds to a board; an open scratch board has none of it. */
export interface BoardPageProps {
  boardId: string;
  /** The member's token (workshop boards): sent when connecting. */
  token?: string;
  /** Look only: no tools but select and pan, no edits. */
  readOnly?: boolean;
  /** The member's own name (changed on the workshop page, not here). */
  memberName?: string;
  /** Where the Torg link in the corner leads, and its name. */
  homeHref?: string;
  homeLabel?: string;
  /** More controls after the Torg link (back link, read-only badge, facilitator actions). */
  toolbarExtra?: (api: EditorApi) => ReactNode;
  /** Shown under the toolbar (the facilitator's message and timer). */
  banner?: ReactNode;
  /** Show this area (null: the whole board) each time `key` changes ("bring everyone here"). */
  focus?: { key: number; rect: Rect | null } | null;
  /** Placing a comment: board clicks go here instead of to the current tool. */
  placing?: ((world: Point, hit: Shape | null) => void) | null;
  /** Drawn on the canvas above everything (comment pins). */
  canvasLayer?: (api: EditorApi) => ReactNode;
  /** More beside the canvas (side panels, floating forms positioned over the canvas). */
  boardExtra?: (api: EditorApi) => ReactNode;
}

export function BoardPage(props: BoardPageProps) {
  const sync = useBoardSync(props.boardId, { token: props.token });
  if (!sync) return null;
  return <Board {...props} sync={sync} />;
}

function Board({
  boardId,
  sync,
  readOnly = false,
  memberName,
  homeHref = '/',
  homeLabel,
  toolbarExtra,
  banner,
  focus,
  placing,
  canvasLayer,
  boardExtra,
}: BoardPageProps & { sync: BoardSync }) {
  const t = useT();
  const core = useEditorCore(boardId, sync.doc, sync.provider.awareness);
  const [notice, setNotice] = useState<string | null>(null);
  const api = useEditor(core, (key) => setNotice(key), readOnly);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [minimapOpen, setMinimapOpen] = useState(true);
  useShortcuts(api, {
    toggleOutline: () => setOutlineOpen((o) => !o),
    showHelp: () => setHelpOpen(true),
  });
  useDebugHandle(api, sync.ready);

  useEffect(() => {
    if (sync.refused > 0) setNotice('board.writeRefused');
  }, [sync.refused]);

  // "Bring everyone here": show the facilitator's view (or the whole board) once the board
  // has arrived and the canvas has its size.
  const applied = useRef<number | null>(null);
  const loaded = sync.synced || sync.status === 'disconnected';
  useEffect(() => {
    if (!focus || !loaded || api.viewport.width === 0 || applied.current === focus.key) return;
    applied.current = focus.key;
    api.follow(null);
    if (focus.rect) api.zoomToRect(focus.rect);
    else api.zoomToFit();
  }, [focus, loaded, api]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping image files; the image tool button is the keyboard way to the same
    <div
      className="board-page"
      data-ready={sync.ready}
      onDragOver={(e) => {
        if (readOnly) return;
        if ([...e.dataTransfer.items].some((i) => i.kind === 'file')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (readOnly) return;
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
        <a className="brand" href={homeHref} title={homeLabel ?? t('board.home')}>
          {t('app.name')}
        </a>
        {toolbarExtra?.(api)}
        <Toolbar
          api={api}
          outlineOpen={outlineOpen}
          onToggleOutline={() => setOutlineOpen((o) => !o)}
          onHelp={() => setHelpOpen(true)}
        />
        <PresenceBar api={api} fixedName={memberName} />
        <ConnectionBadge status={sync.status} />
        <LocaleSwitch />
      </header>
      {banner}
      <ContextBar api={api} />
      <SelectionAnnouncer api={api} />
      {notice && (
        <p className="notice" role="alert">
          {t(notice as 'image.failed')}{' '}
          <button type="button" className="chip" onClick={() => setNotice(null)}>
            {t('notice.dismiss')}
          </button>
        </p>
      )}
      <div className="board-main">
        <BoardCanvas api={api} onPlace={placing} overlay={canvasLayer?.(api)} />
        {outlineOpen && <OutlinePanel api={api} onClose={() => setOutlineOpen(false)} />}
        {boardExtra?.(api)}
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

import type { Point, Rect, Shape } from '@torg/shared';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { AuthorLabel, type AuthorOf } from './AuthorLabel.js';
import { BoardCanvas } from './BoardCanvas.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import type { BoardRules, Editor } from './editor/Editor.js';
import { useEditor, useEditorState } from './editor/hooks.js';
import { placeImageFile } from './editor/image-upload.js';
import { PhoneBar } from './phone/PhoneBar.js';
import { PhoneHeader } from './phone/PhoneHeader.js';
import { usePhoneLayout } from './phone/usePhoneLayout.js';
import './phone/phone.css';
import { Later, laterPart } from '../ui/LazyPart.js';
import { PresenceBar } from './PresenceBar.js';
import { SelectionAnnouncer } from './SelectionAnnouncer.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { Toolbar } from './Toolbar.js';
import { loadInter } from './text-fit.js';
import { type BoardSync, useBoardSync } from './useBoardSync.js';
import { useDebugHandle } from './useDebugHandle.js';
import { useShortcuts } from './useShortcuts.js';
import { ZoomControls } from './ZoomControls.js';

// What the board does not need to appear: fetched once it is drawn (beside Inter), or when
// first shown if that is sooner (issue 18: a phone's first load).
const contextBar = laterPart(() => import('./ContextBar.js').then((m) => m.ContextBar));
const outline = laterPart(() => import('./OutlinePanel.js').then((m) => m.OutlinePanel));
const minimap = laterPart(() => import('./Minimap.js').then((m) => m.Minimap));
const newNoteSheet = laterPart(() => import('./phone/NewNoteSheet.js').then((m) => m.NewNoteSheet));

/** Inter and the board's later parts, once the board has been painted. */
function afterBoardDrawn(): void {
  loadInter();
  for (const part of [contextBar, outline, minimap, newNoteSheet]) part.preload();
}

/**
 * Starts `afterBoardDrawn` in the first task after the frame that draws the board's content:
 * once the board has arrived (`loaded`) and the canvas has put its objects on (the callback
 * returned, for BoardCanvas). Either may come first.
 */
function useAfterBoardDrawn(loaded: boolean): () => void {
  const loadedNow = useRef(loaded);
  loadedNow.current = loaded;
  const objectsShown = useRef(false);
  const startIfDrawn = useCallback(() => {
    if (loadedNow.current && objectsShown.current)
      requestAnimationFrame(() => setTimeout(afterBoardDrawn));
  }, []);
  useEffect(() => {
    if (loaded) startIfDrawn();
  }, [loaded, startIfDrawn]);
  return useCallback(() => {
    objectsShown.current = true;
    startIfDrawn();
  }, [startIfDrawn]);
}

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
  toolbarExtra?: (api: Editor) => ReactNode;
  /** The board's name in a phone's one-row header (the desktop shows it in `toolbarExtra`). */
  phoneTitle?: string;
  /** What a workshop adds to a phone's bottom bar (comment, feedback, vote). */
  phoneActions?: (api: Editor) => ReactNode;
  /** Shown under the toolbar (the facilitator's message and timer). */
  banner?: ReactNode;
  /**
   * Show this area (null: the whole board) each time `key` changes ("bring everyone here"),
   * or with `frameId` that frame (a presented section), when the board has it.
   */
  /** Where to open: a rect, or an object to zoom to (and `select` it: a link to a note). */
  focus?: {
    key: number | string;
    rect: Rect | null;
    frameId?: string | null;
    select?: boolean;
  } | null;
  /** Placing a comment: board clicks go here instead of to the current tool. */
  placing?: ((world: Point, hit: Shape | null) => void) | null;
  /** Drawn on the canvas above everything (comment pins). */
  canvasLayer?: (api: Editor) => ReactNode;
  /** More beside the canvas (side panels, floating forms positioned over the canvas). */
  boardExtra?: (api: Editor) => ReactNode;
  /** This person's note colour and furniture rights (a workshop's; see `BoardRules`). */
  rules?: BoardRules;
  /** Who made an object, for the label on hover and the selection announcement. */
  authorOf?: AuthorOf;
  /** The board alone, nothing to operate (the screen in the room): no header, bars, zoom. */
  bare?: boolean;
}

export function BoardPage(props: BoardPageProps) {
  const sync = useBoardSync(props.boardId, {
    token: props.token,
    readOnly: props.readOnly ?? false,
  });
  if (!sync) return null;
  return <Board {...props} sync={sync} />;
}

function Board(props: BoardPageProps & { sync: BoardSync }) {
  const { boardId, sync, readOnly = false, rules } = props;
  const [notice, setNotice] = useState<string | null>(null);
  const editor = useEditor(boardId, sync.doc, sync.provider.awareness, {
    readOnly,
    notice: setNotice,
    ...(rules && { rules }),
  });
  useEffect(() => {
    if (sync.refused > 0) setNotice('board.writeRefused');
  }, [sync.refused]);
  useShowWhenSynced(editor, sync);
  if (!editor) return null;
  return <BoardView {...props} sync={sync} api={editor} notice={notice} setNotice={setNotice} />;
}

/**
 * The open board around its editor. It reads no editor state itself: each part subscribes to
 * what it shows, so a camera move re-renders the canvas, minimap and zoom, not the toolbar.
 */
function BoardView({
  sync,
  readOnly = false,
  memberName,
  homeHref = '/',
  homeLabel,
  toolbarExtra,
  phoneTitle,
  phoneActions,
  banner,
  focus,
  placing,
  canvasLayer,
  boardExtra,
  authorOf,
  bare = false,
  api,
  notice,
  setNotice,
}: BoardPageProps & {
  sync: BoardSync;
  api: Editor;
  notice: string | null;
  setNotice(key: string | null): void;
}) {
  const t = useT();
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [minimapOpen, setMinimapOpen] = useState(true);
  const phone = usePhoneLayout();
  // The context bar's chunk is fetched only once there is something for it to show.
  const showContextBar = useEditorState(
    api,
    (s) => !s.readOnly && (s.selection.length > 0 || s.tool === 'pen'),
  );
  const [menuOpen, setMenuOpen] = useState(false);
  const [newNoteOpen, setNewNoteOpen] = useState(false);
  useShortcuts(api, {
    toggleOutline: () => setOutlineOpen((o) => !o),
    showHelp: () => setHelpOpen(true),
  });
  useDebugHandle(api, sync.ready);

  const loaded = sync.synced || sync.status === 'disconnected';
  const objectsShown = useAfterBoardDrawn(loaded);
  const corner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api.coveredCorner = () => coveredCorner(corner.current);
    return () => {
      api.coveredCorner = null;
    };
  }, [api]);

  if (bare)
    return (
      <div className="board-page bare" data-ready={sync.ready}>
        <div className="board-main">
          <BoardCanvas editor={api} onObjectsShown={objectsShown} arriving={!loaded} />
          <OpenView api={api} focus={focus} loaded={loaded} synced={sync.synced} />
          {boardExtra && <Live api={api} render={boardExtra} />}
        </div>
      </div>
    );

  // The board's controls: the header on a laptop, the menu on a phone.
  const controls = (
    <>
      <a className="brand" href={homeHref} title={homeLabel ?? t('board.home')}>
        {t('app.name')}
      </a>
      {toolbarExtra && <Live api={api} render={toolbarExtra} />}
      <Toolbar
        api={api}
        outlineOpen={outlineOpen}
        onToggleOutline={() => setOutlineOpen((o) => !o)}
        onHelp={() => setHelpOpen(true)}
      />
      <PresenceBar api={api} fixedName={memberName} />
      {phone && <LocaleSwitch />}
    </>
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping image files; the image tool button is the keyboard way to the same
    <div
      className={`board-page${phone ? ' phone' : ''}`}
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
        void placeImageFile(api, file, at);
      }}
    >
      {phone ? (
        <PhoneHeader
          title={phoneTitle ?? t('app.name')}
          status={sync.status}
          readOnly={readOnly}
          menuOpen={menuOpen}
          onMenu={() => setMenuOpen((o) => !o)}
        >
          {controls}
        </PhoneHeader>
      ) : (
        <header className="toolbar">
          {controls}
          <ConnectionBadge status={sync.status} />
          <LocaleSwitch />
        </header>
      )}
      {banner}
      <SelectionAnnouncer api={api} {...(authorOf && { authorOf })} />
      {notice && (
        <p className="notice" role="alert">
          {t(notice as 'image.failed')}{' '}
          <button type="button" className="chip" onClick={() => setNotice(null)}>
            {t('notice.dismiss')}
          </button>
        </p>
      )}
      {/* The board is the page's main part; a screen reader's user meets its name first. */}
      <main className="board-main">
        {!phone && <h1 className="visually-hidden">{phoneTitle ?? t('app.name')}</h1>}
        {showContextBar && <Later part={contextBar} api={api} />}
        <BoardCanvas
          editor={api}
          onPlace={placing}
          overlay={canvasLayer && <Live api={api} render={canvasLayer} />}
          onObjectsShown={objectsShown}
          arriving={!loaded}
        />
        <OpenView api={api} focus={focus} loaded={loaded} synced={sync.synced} />
        {authorOf && <AuthorLabel api={api} authorOf={authorOf} />}
        {outlineOpen && <Later part={outline} api={api} onClose={() => setOutlineOpen(false)} />}
        {boardExtra && <Live api={api} render={boardExtra} />}
        <div className="board-corner" ref={corner}>
          {minimapOpen && !phone && <Later part={minimap} api={api} />}
          <ZoomControls
            api={api}
            minimapOpen={minimapOpen && !phone}
            onToggleMinimap={() => setMinimapOpen((o) => !o)}
          />
        </div>
        {phone && (
          <PhoneBar
            canAdd={!readOnly}
            onNewNote={() => setNewNoteOpen(true)}
            outlineOpen={outlineOpen}
            onToggleOutline={() => setOutlineOpen((o) => !o)}
          >
            {phoneActions && <Live api={api} render={phoneActions} />}
          </PhoneBar>
        )}
        {phone && newNoteOpen && (
          <Later part={newNoteSheet} api={api} onClose={() => setNewNoteOpen(false)} />
        )}
      </main>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

/** How far the corner's minimap and zoom controls reach into the canvas from its corner. */
function coveredCorner(el: HTMLElement | null): { width: number; height: number } | null {
  const canvas = el?.parentElement?.querySelector('[data-testid="board-canvas"]');
  if (!el || !canvas) return null;
  const c = canvas.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.left >= c.right) return null;
  return { width: Math.max(0, c.right - r.left), height: Math.max(0, c.bottom - r.top) };
}

/**
 * Where the view opens, once the canvas has its size: where "bring everyone here" points (the
 * facilitator's view, a frame or the whole board) once the board has arrived, else all of the
 * board (`useOpenFitted`). Renders nothing; a component of its own so that the canvas getting
 * its size re-renders this, not the whole page around the board.
 */
function OpenView({
  api,
  focus,
  loaded,
  synced,
}: {
  api: Editor;
  focus: BoardPageProps['focus'];
  loaded: boolean;
  synced: boolean;
}) {
  const viewportWidth = useEditorState(api, (s) => s.viewport.width);
  const applied = useRef<number | string | null>(null);
  useEffect(() => {
    if (!focus || !loaded || viewportWidth === 0 || applied.current === focus.key) return;
    applied.current = focus.key;
    api.follow(null);
    if (focus.frameId && api.zoomToShape(focus.frameId)) {
      if (focus.select) api.select([focus.frameId]);
      return;
    }
    if (focus.rect) api.zoomToRect(focus.rect);
    else api.zoomToFit();
  }, [focus, loaded, api, viewportWidth]);
  useOpenFitted(api, viewportWidth > 0 && !focus, synced);
  return null;
}

/**
 * A big board's first sync ends with the server's sync step 2: what the store still holds of it
 * is shown then, without waiting for its quiet moment (see `BoardStore`).
 */
function useShowWhenSynced(editor: Editor | null, sync: BoardSync): void {
  useEffect(() => {
    if (!editor) return;
    const onSync = (synced: boolean) => {
      if (synced) editor.store.showHeld();
    };
    sync.provider.on('sync', onSync);
    return () => sync.provider.off('sync', onSync);
  }, [editor, sync.provider]);
}

/**
 * A board opens showing all its content (never zoomed in past 100 %) once the canvas has its
 * size: fitted once something of it is there (a big board's first slice, or the local copy),
 * and fitted again when the server's answer is complete, unless the person has moved the view
 * meanwhile. An empty board opens at 100 %.
 */
function useOpenFitted(api: Editor, enabled: boolean, synced: boolean): void {
  const done = useRef<'no' | 'partly' | 'yes'>('no');
  // Whether the board has anything yet, watched only until it has (the local copy may fill the
  // store a moment after it says it is ready).
  const [hasContent, setHasContent] = useState(() => api.store.size > 0);
  useEffect(() => {
    if (hasContent) return;
    const check = () => {
      if (api.store.size > 0) setHasContent(true);
    };
    check();
    return api.store.subscribeAll(check);
  }, [api, hasContent]);
  useEffect(() => {
    if (!enabled || done.current === 'yes') return;
    // Decide once something of the board is known: the server answered, or there is content
    // (an empty local copy may be a first visit). Not on "disconnected" alone: offline, the
    // local copy may still be loading then, and the board would stay at 100 % in the corner.
    if (!synced && !hasContent) return;
    const c = api.state.camera;
    const untouched =
      !api.touched &&
      (done.current === 'partly'
        ? api.fittedRect !== null
        : c.x === 0 && c.y === 0 && c.scale === 1);
    if (hasContent && untouched) api.zoomToFit(1);
    done.current = synced ? 'yes' : 'partly';
  }, [api, enabled, synced, hasContent]);
}

/**
 * What a workshop adds around the board (render props), re-rendered on any editor change:
 * they read the editor's state as they render.
 */
function Live({ api, render }: { api: Editor; render: (api: Editor) => ReactNode }) {
  useEditorState(api, (s) => s);
  return render(api);
}

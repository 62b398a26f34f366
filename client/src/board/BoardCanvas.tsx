import {
  type BoxShape,
  isBoxShape,
  type Point,
  type Rect,
  rectsIntersect,
  type Shape,
  shapeBounds,
} from '@torg/shared';
import type Konva from 'konva';
import {
  memo,
  type ReactNode,
  startTransition,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Group, Layer, Stage } from 'react-konva';
import { useT } from '../i18n/LocaleProvider.js';
import { Cursors } from './Cursors.js';
import { screenToWorld } from './camera.js';
import { GestureOverlay } from './canvas/GestureOverlay.js';
import { isLowDetail, LOD_SCALE, LowDetail } from './canvas/LowDetail.js';
import { PaintedRun } from './canvas/PaintedRun.js';
import { ResizeHandles, resizeModeOf } from './canvas/ResizeHandles.js';
import { SelectionFrames } from './canvas/SelectionFrames.js';
import { ShapeNode } from './canvas/ShapeNode.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import type { PointerInfo } from './editor/tools/types.js';
import { useBoardVersion } from './hooks.js';
import { TextEditor } from './TextEditor.js';
import { usePeers } from './usePresence.js';
import { isPainted } from './views/index.js';

interface Props {
  editor: Editor;
  /** Placing something (a comment): a click reports the board point and the object under it. */
  onPlace?: ((world: Point, hit: Shape | null) => void) | null;
  /** Drawn on top of everything (comment pins). */
  overlay?: ReactNode;
  /** Called once, when the board's objects have first been put on the canvas (drawn next frame). */
  onObjectsShown?: () => void;
  /**
   * The board's first sync has not ended. Zoomed out, it is drawn in the cheap pass however
   * few objects have come (see `LowDetail`): a big board's first slice would otherwise be laid
   * out object by object only to be replaced by the cheap pass when the rest arrives.
   */
  arriving?: boolean;
}

/**
 * The board's canvas: passes pointer, wheel and key input to the editor (whose tools decide
 * what it means) and draws the board, the selection and the gesture in progress.
 */
export function BoardCanvas({ editor, onPlace, overlay, onObjectsShown, arriving }: Props) {
  const t = useT();
  const { store } = editor;
  const camera = useEditorState(editor, (s) => s.camera);
  const selection = useEditorState(editor, (s) => s.selection);
  const editingId = useEditorState(editor, (s) => s.editingId);
  const tool = useEditorState(editor, (s) => s.tool);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  // The editor's viewport, not a state of our own: the canvas and the page (which fits the
  // board to it) go by the same size, updated in the same render.
  const size = useEditorState(editor, (s) => s.viewport);
  const version = useBoardVersion(store);
  const peers = usePeers(editor.awareness);

  // A layout effect: the canvas gets its size before the page is first painted, not a frame
  // later when the observer first reports.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    // Where the canvas sits on the page: when a banner above it comes or goes, the editor
    // keeps the board where it was on the page (see setViewportSize).
    let at: DOMRect | null = null;
    const measure = (width: number, height: number) => {
      const rect = el.getBoundingClientRect();
      const moved = at ? { x: rect.left - at.left, y: rect.top - at.top } : { x: 0, y: 0 };
      at = rect;
      editor.setViewportSize({ width, height }, moved);
    };
    // No border or padding: its box is its content box, as the observer reports it.
    const first = el.getBoundingClientRect();
    measure(first.width, first.height);
    const ro = new ResizeObserver(([entry]) => {
      if (entry) measure(entry.contentRect.width, entry.contentRect.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [editor]);

  useEffect(() => {
    editor.placing = onPlace ?? null;
  }, [editor, onPlace]);

  // Wheel: scroll pans, ctrl/cmd (and trackpad pinch) zooms. Native listener: React's is passive.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const p = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      if (e.ctrlKey || e.metaKey) editor.zoomAt(p, Math.exp(-e.deltaY * 0.002));
      else editor.setCamera((c) => ({ ...c, x: c.x - e.deltaX, y: c.y - e.deltaY }), true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [editor]);

  // Space held: a drag pans whatever the tool.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTyping(e.target)) editor.spaceHeld = true;
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') editor.spaceHeld = false;
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [editor]);

  // Culling: only objects whose bounds meet the (slightly enlarged) viewport are drawn.
  const view: Rect = useMemo(() => {
    const tl = screenToWorld(camera, { x: 0, y: 0 });
    const w = size.width / camera.scale;
    const h = size.height / camera.scale;
    return { x: tl.x - w * 0.1, y: tl.y - h * 0.1, w: w * 1.2, h: h * 1.2 };
  }, [camera, size]);
  // Worked out again only when the view, the board, the selection or the edited object
  // changes, so that the page around the board re-rendering (a banner, a panel, a connection
  // status) does not re-render every object (ObjectsLayer is memoised on it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: version and selection stand for the store's content and a drag's preview
  const visible = useMemo(() => {
    const inView: Shape[] = [];
    for (const id of store.order()) {
      const s = store.get(id);
      if (!s) continue;
      const b = isBoxShape(s) ? s : shapeBounds(s, store.lookup);
      if (b && rectsIntersect(b, view)) inView.push(s);
      else if (editor.preview.has(id) || id === editingId) inView.push(s);
    }
    return inView;
  }, [store, editor, view, version, selection, editingId]);
  const lowDetail =
    isLowDetail(camera.scale, visible.length) || (!!arriving && camera.scale < LOD_SCALE);

  // The resize handles follow the single resizable selection.
  const resizable =
    selection.length === 1 && !lowDetail ? store.get(selection[0] ?? '') : undefined;
  const handled = resizeModeOf(editor, resizable) !== 'none' ? (resizable?.id ?? null) : null;

  const info = (e: React.PointerEvent | React.MouseEvent, pointerId = 0): PointerInfo => {
    const rect = containerRef.current?.getBoundingClientRect();
    const screen = { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
    const world = editor.toWorld(screen);
    const touch = 'pointerType' in e && e.pointerType === 'touch';
    return {
      pointerId,
      screen,
      world,
      shift: e.shiftKey,
      button: e.button,
      now: e.timeStamp,
      touch,
    };
  };
  // Whether the last press was a finger (its long-press opens no context menu).
  const fingerDown = useRef(false);
  const onHandle = (p: Point): boolean =>
    stageRef.current?.getIntersection(p)?.getParent()?.className === 'Transformer';

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    fingerDown.current = e.pointerType === 'touch';
    if (editor.state.editingId) return;
    containerRef.current?.focus({ preventScroll: true });
    const p = info(e, e.pointerId);
    p.onHandle = onHandle(p.screen);
    if (!p.onHandle) e.currentTarget.setPointerCapture(e.pointerId);
    editor.pointerDown(p);
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) =>
    editor.pointerUp(info(e, e.pointerId));

  return (
    <div
      ref={containerRef}
      className={`board-canvas tool-${tool}${readOnly ? ' read-only' : ''}${onPlace ? ' placing' : ''}`}
      role="application"
      aria-label={t('board.canvasLabel', { id: editor.boardId })}
      aria-describedby="board-canvas-help"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application": the board takes focus so its shortcuts and Tab-through-objects work
      tabIndex={0}
      data-testid="board-canvas"
      data-detail={lowDetail ? 'low' : 'full'}
      onPointerDown={onPointerDown}
      // The board focuses itself in onPointerDown; the browser's own mousedown focus would
      // steal focus from a text editor that the same press just opened.
      onMouseDown={(e) => e.preventDefault()}
      onPointerMove={(e) => editor.pointerMove(info(e, e.pointerId))}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => editor.pointerLeave()}
      onDoubleClick={(e) => editor.doubleClick(info(e))}
      // A finger held still is our long-press (select), not the browser's context menu.
      onContextMenu={(e) => {
        if (fingerDown.current) e.preventDefault();
      }}
    >
      <p id="board-canvas-help" className="visually-hidden">
        {t('board.canvasHelp')}
      </p>
      {size.width > 0 && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          x={camera.x}
          y={camera.y}
          scaleX={camera.scale}
          scaleY={camera.scale}
        >
          <InTransition>
            <ObjectsLayer
              editor={editor}
              visible={visible}
              lowDetail={lowDetail}
              scale={camera.scale}
              editingId={editingId}
              onShown={onObjectsShown}
            />
            {/* One layer (one canvas) for everything drawn over the objects, comment pins
                included: each layer is two screen-sized canvases, costly to make on a phone. */}
            <Layer>
              <SelectionFrames editor={editor} peers={peers} handled={handled} />
              <GestureOverlay editor={editor} />
              <ResizeHandles editor={editor} stage={stageRef} shape={resizable} />
              <Group listening={false}>
                <Cursors peers={peers} scale={camera.scale} />
                {overlay}
              </Group>
            </Layer>
          </InTransition>
        </Stage>
      )}
      {editingId && <TextEditor api={editor} id={editingId} />}
      {store.size === 0 && !readOnly && <p className="empty-hint">{t('board.emptyHint')}</p>}
    </div>
  );
}

/**
 * Its children from the render after its first, made in a transition. Inside the Konva stage
 * this is how its work is split up: react-konva makes the stage inside the page's commit and
 * renders its tree there in one piece (its reconciler puts every update but a transition in
 * the sync lane), and Konva draws a layer the moment it is added. With everything in that
 * first render, opening a board was one task of 250-400 ms on a phone (issue 18); a
 * transition is rendered in slices of a few milliseconds, between which the page stays live.
 */
function InTransition({
  children,
  onShown,
  atOnce = false,
}: {
  children: ReactNode;
  onShown?: () => void;
  /** Its children in its first render already: they are cheap to make and draw. */
  atOnce?: boolean;
}) {
  const [shown, setShown] = useState(atOnce);
  useEffect(() => startTransition(() => setShown(true)), []);
  useEffect(() => {
    if (shown) onShown?.();
  }, [shown, onShown]);
  return shown ? children : null;
}

/**
 * The board's objects in view, bottom to top: a node each, except that painted objects next
 * to each other share one (PaintedRun); zoomed far out on a huge board, one pass (LowDetail).
 */
const ObjectsLayer = memo(function ObjectsLayer({
  editor,
  visible,
  lowDetail,
  scale,
  editingId,
  onShown,
}: {
  editor: Editor;
  visible: Shape[];
  lowDetail: boolean;
  scale: number;
  editingId: string | null;
  onShown: (() => void) | undefined;
}) {
  // The layer joins the stage empty and its objects follow (InTransition): Konva draws a
  // layer as it is added, and the objects are then drawn once, in a frame of their own. The
  // cheap pass (one node, boxes) comes with the layer: it costs that frame no more than its
  // own drawing, and a board still arriving is drawn so (issue 23).
  return (
    <Layer listening={false}>
      <InTransition onShown={onShown} atOnce={lowDetail}>
        {lowDetail ? (
          <LowDetail editor={editor} scale={scale} />
        ) : (
          inRuns(visible).map((part) =>
            Array.isArray(part) ? (
              <PaintedRun
                key={`run:${part[0]?.id}`}
                editor={editor}
                shapes={part}
                editingId={editingId}
              />
            ) : (
              <ShapeNode
                key={part.id}
                editor={editor}
                id={part.id}
                editing={part.id === editingId}
              />
            ),
          )
        )}
      </InTransition>
    </Layer>
  );
});

/** The objects in stacking order, painted neighbours gathered into runs. */
function inRuns(shapes: readonly Shape[]): (Shape | BoxShape[])[] {
  const parts: (Shape | BoxShape[])[] = [];
  for (const s of shapes) {
    const last = parts[parts.length - 1];
    if (!isBoxShape(s) || !isPainted(s)) parts.push(s);
    else if (Array.isArray(last)) last.push(s);
    else parts.push([s]);
  }
  return parts;
}

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.tagName === 'INPUT' ||
      target.tagName === 'TEXTAREA' ||
      target.tagName === 'SELECT')
  );
}

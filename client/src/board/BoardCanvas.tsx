import {
  type BoxShape,
  connectorDefaults,
  frameDefaults,
  geoDefaults,
  INK,
  isBoxShape,
  MAX_DRAWING_POINTS,
  newId,
  PEN_WIDTHS,
  type Point,
  type Rect,
  rectFromPoints,
  rectsIntersect,
  type Shape,
  STICKY_FILL,
  shapeBounds,
  type Terminal,
  textDefaults,
  unionRects,
} from '@torg/shared';
import type Konva from 'konva';
import { memo, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  Arrow,
  Rect as KRect,
  Shape as KShape,
  Layer,
  Line,
  Stage,
  Transformer,
} from 'react-konva';
import { useT } from '../i18n/LocaleProvider.js';
import { addShapes, moveBy, movingSet, patchShapes, topZ } from './actions.js';
import { Cursors } from './Cursors.js';
import { type Camera, screenToWorld, zoomAt } from './camera.js';
import type { EditorApi, EditorCore } from './editor.js';
import { hitBox, hitTest, inRect } from './hit-test.js';
import { useBoardVersion, useRevisions, useShape } from './hooks.js';
import { parseOffsets, usePreviewOffsets } from './preview.js';
import { renderShape, SHAPE_UTILS } from './shapes/index.js';
import { simplify } from './simplify.js';
import { TextEditor } from './TextEditor.js';
import { usePeers } from './usePresence.js';

/** Below this zoom, objects are drawn as plain boxes in one pass (level of detail). */
export const LOD_SCALE = 0.3;
const DRAG_SEND_MS = 50;
/** Cursor positions go out at most 20 times a second (the server batches awareness too). */
const CURSOR_SEND_MS = 50;

type Gesture =
  | { kind: 'none' }
  | { kind: 'pan'; startX: number; startY: number; cam: Camera }
  | { kind: 'move'; ids: Set<string>; start: Point; last: Point; lastSent: number; sent: Point }
  | { kind: 'marquee'; start: Point; current: Point; additive: boolean; base: string[] }
  | { kind: 'pen'; points: number[] }
  | { kind: 'connect'; start: Terminal; current: Point; target: string | null }
  | {
      kind: 'create';
      tool: 'rectangle' | 'ellipse' | 'diamond' | 'frame';
      start: Point;
      current: Point;
    };

/** One object, subscribed to itself (and, for a connector, to its two ends). */
const ShapeNode = memo(function ShapeNode({
  api,
  id,
  editing,
}: {
  api: EditorCore;
  id: string;
  editing: boolean;
}) {
  const shape = useShape(api.store, id);
  const ends =
    shape?.type === 'connector'
      ? [shape.start, shape.end].flatMap((t) => (t.kind === 'shape' ? [t.shapeId] : []))
      : [];
  useRevisions(api.store, ends);
  const offsets = parseOffsets(usePreviewOffsets(api.preview, [id, ...ends]));
  if (!shape) return null;
  const own = offsets[0] ?? { dx: 0, dy: 0 };
  return renderShape({
    shape,
    dx: own.dx,
    dy: own.dy,
    editing,
    lookup: api.store.lookup,
    offsetOf: (other) => api.preview.offsetOf(other),
  });
});

/**
 * Everything drawn as plain boxes and lines (zoomed far out), as one node whose drawing is
 * cached as a bitmap: panning then costs one image draw, not 10,000 rectangles. The cache is
 * redrawn when the board changes or the zoom moves past a factor of two.
 */
function LowDetail({ api, scale }: { api: EditorCore; scale: number }) {
  const ref = useRef<Konva.Shape>(null);
  const version = useBoardVersion(api.store);
  const bucket = 2 ** Math.round(Math.log2(scale));
  const shapes = api.store.list();
  const bounds = unionRects(shapes.flatMap((s) => shapeBounds(s, api.store.lookup) ?? [])) ?? {
    x: 0,
    y: 0,
    w: 1,
    h: 1,
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-cache when the board (version) or zoom bucket changes
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    node.clearCache();
    node.cache({ pixelRatio: Math.min(1, bucket * 2 * (window.devicePixelRatio || 1)) });
    node.getLayer()?.batchDraw();
  }, [version, bucket]);
  return (
    <KShape
      ref={ref}
      x={bounds.x - 4}
      y={bounds.y - 4}
      width={bounds.w + 8}
      height={bounds.h + 8}
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, node) => {
        const c = ctx._context;
        c.save();
        c.translate(-node.x(), -node.y());
        for (const s of shapes) {
          if (s.type === 'connector') {
            const b = shapeBounds(s, api.store.lookup);
            if (!b) continue;
            c.strokeStyle = INK[s.color];
            c.lineWidth = 2 / bucket;
            c.beginPath();
            c.moveTo(b.x, b.y);
            c.lineTo(b.x + b.w, b.y + b.h);
            c.stroke();
            continue;
          }
          c.fillStyle =
            s.type === 'sticky'
              ? STICKY_FILL[s.color]
              : s.type === 'frame'
                ? '#f0f1f3'
                : s.type === 'image'
                  ? '#c4c9d1'
                  : s.type === 'drawing' || s.type === 'text'
                    ? '#8a93a0'
                    : '#e3f0ff';
          c.fillRect(s.x, s.y, s.w, s.h);
        }
        c.restore();
      }}
    />
  );
}

interface Props {
  api: EditorApi;
  /** Placing something (a comment): a click reports the board point and the object under it. */
  onPlace?: ((world: Point, hit: Shape | null) => void) | null;
  /** Drawn on top of everything (comment pins). */
  overlay?: ReactNode;
}

export function BoardCanvas({ api, onPlace, overlay }: Props) {
  const t = useT();
  const { store, state } = api;
  const { camera, selection, editingId, tool } = state;
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const trRef = useRef<Konva.Transformer>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const gesture = useRef<Gesture>({ kind: 'none' });
  const [, setGestureTick] = useState(0);
  const pointers = useRef(new Map<number, Point>());
  const pinch = useRef<{ dist: number; mid: Point; cam: Camera } | null>(null);
  const space = useRef(false);
  const lastCursor = useRef(0);
  useBoardVersion(store);
  const peers = usePeers(api.awareness);

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const { setViewportSize } = api;
  useEffect(() => setViewportSize(size), [setViewportSize, size]);

  // Wheel: scroll pans, ctrl/cmd (and trackpad pinch) zooms. Native listener: React's is passive.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const p = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      if (e.ctrlKey || e.metaKey)
        api.setCamera((c) => zoomAt(c, p, Math.exp(-e.deltaY * 0.002)), true);
      else api.setCamera((c) => ({ ...c, x: c.x - e.deltaX, y: c.y - e.deltaY }), true);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [api]);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTyping(e.target)) space.current = true;
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') space.current = false;
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);

  // Culling: only objects whose bounds meet the (slightly enlarged) viewport are drawn.
  const view: Rect = useMemo(() => {
    const tl = screenToWorld(camera, { x: 0, y: 0 });
    const w = size.width / camera.scale;
    const h = size.height / camera.scale;
    return { x: tl.x - w * 0.1, y: tl.y - h * 0.1, w: w * 1.2, h: h * 1.2 };
  }, [camera, size]);
  const visible: Shape[] = [];
  for (const id of store.order()) {
    const s = store.get(id);
    if (!s) continue;
    const b = isBoxShape(s) ? s : shapeBounds(s, store.lookup);
    if (b && rectsIntersect(b, view)) visible.push(s);
    else if (api.preview.has(id) || id === editingId) visible.push(s);
  }
  const lowDetail = camera.scale < LOD_SCALE;

  // The transformer follows the single resizable selection.
  const resizable =
    selection.length === 1 && !lowDetail ? store.get(selection[0] ?? '') : undefined;
  const resizeMode =
    resizable && !resizable.locked && !api.readOnly ? SHAPE_UTILS[resizable.type].resize : 'none';

  // Turned read-only mid-gesture (the board was locked): drop whatever would write.
  const { readOnly, preview } = api;
  useEffect(() => {
    if (!readOnly) return;
    const kind = gesture.current.kind;
    if (kind !== 'none' && kind !== 'pan' && kind !== 'marquee') {
      gesture.current = { kind: 'none' };
      preview.clear();
      setGestureTick((n) => n + 1);
    }
  }, [readOnly, preview]);
  useEffect(() => {
    const tr = trRef.current;
    const stage = stageRef.current;
    if (!tr || !stage) return;
    const node = resizable && resizeMode !== 'none' ? stage.findOne(`#${resizable.id}`) : undefined;
    tr.nodes(node ? [node] : []);
    tr.getLayer()?.batchDraw();
  });

  const toLocal = (e: { clientX: number; clientY: number }): Point => {
    const rect = containerRef.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };
  const redraw = () => setGestureTick((n) => n + 1);

  const onTransformer = (p: Point): boolean => {
    const node = stageRef.current?.getIntersection(p);
    return !!node && node.getParent()?.className === 'Transformer';
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (editingId) return;
    containerRef.current?.focus({ preventScroll: true });
    const local = toLocal(e);
    pointers.current.set(e.pointerId, local);
    if (pointers.current.size === 2) {
      // A second finger: whatever the first started becomes a pinch (pan + zoom).
      gesture.current = { kind: 'none' };
      api.preview.clear();
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      pinch.current = {
        dist: Math.hypot(a.x - b.x, a.y - b.y),
        mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
        cam: camera,
      };
      redraw();
      return;
    }
    if (onTransformer(local)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const world = screenToWorld(camera, local);
    if (tool === 'hand' || space.current || e.button === 1) {
      gesture.current = { kind: 'pan', startX: local.x, startY: local.y, cam: camera };
      return;
    }
    if (e.button !== 0) return;
    if (onPlace) {
      onPlace(world, hitTest(store, world, camera.scale));
      return;
    }
    if (api.readOnly && tool !== 'select') return;
    switch (tool) {
      case 'select': {
        const hit = hitTest(store, world, camera.scale);
        if (hit) {
          const already = selection.includes(hit.id);
          const next = e.shiftKey
            ? already
              ? selection.filter((id) => id !== hit.id)
              : [...selection, hit.id]
            : already
              ? selection
              : [hit.id];
          api.select(next);
          if (!api.readOnly && (!e.shiftKey || !already)) {
            api.undo.stopCapturing();
            gesture.current = {
              kind: 'move',
              ids: movingSet(store, next),
              start: world,
              last: world,
              lastSent: 0,
              sent: world,
            };
          }
        } else {
          if (!e.shiftKey) api.select([]);
          gesture.current = {
            kind: 'marquee',
            start: world,
            current: world,
            additive: e.shiftKey,
            base: e.shiftKey ? selection : [],
          };
        }
        return;
      }
      case 'sticky':
        api.createSticky(world);
        return;
      case 'text': {
        const d = textDefaults();
        const shape = {
          ...d,
          id: newId(),
          x: Math.round(world.x),
          y: Math.round(world.y - d.h / 2),
          z: topZ(store),
        };
        addShapes(api.doc, [shape]);
        api.finishCreate(shape.id, true);
        return;
      }
      case 'rectangle':
      case 'ellipse':
      case 'diamond':
      case 'frame':
        gesture.current = { kind: 'create', tool, start: world, current: world };
        return;
      case 'pen':
        gesture.current = { kind: 'pen', points: [world.x, world.y] };
        return;
      case 'connector': {
        const from = hitBox(store, world, camera.scale);
        gesture.current = {
          kind: 'connect',
          start: from
            ? { kind: 'shape', shapeId: from.id }
            : { kind: 'point', x: Math.round(world.x), y: Math.round(world.y) },
          current: world,
          target: null,
        };
        return;
      }
      case 'image':
        api.pickImage(world);
        return;
    }
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const local = toLocal(e);
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, local);
    const world = screenToWorld(camera, local);
    const now = performance.now();
    if (now - lastCursor.current > CURSOR_SEND_MS) {
      lastCursor.current = now;
      api.awareness.setLocalStateField('cursor', {
        x: Math.round(world.x),
        y: Math.round(world.y),
      });
    }
    if (pinch.current && pointers.current.size >= 2) {
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const start = pinch.current;
      const panned = {
        ...start.cam,
        x: start.cam.x + mid.x - start.mid.x,
        y: start.cam.y + mid.y - start.mid.y,
      };
      api.setCamera(() => zoomAt(panned, mid, dist / Math.max(1, start.dist)), true);
      return;
    }
    const g = gesture.current;
    switch (g.kind) {
      case 'pan':
        api.setCamera(
          () => ({ ...g.cam, x: g.cam.x + local.x - g.startX, y: g.cam.y + local.y - g.startY }),
          true,
        );
        return;
      case 'move': {
        g.last = world;
        const dx = world.x - g.start.x;
        const dy = world.y - g.start.y;
        if (now - g.lastSent >= DRAG_SEND_MS && (dx !== 0 || dy !== 0)) {
          // Others see the move about 20 times a second; we see every frame (preview).
          moveBy(api.doc, store, g.ids, world.x - g.sent.x, world.y - g.sent.y);
          g.sent = world;
          g.lastSent = now;
        }
        api.preview.set(g.ids, world.x - g.sent.x, world.y - g.sent.y);
        return;
      }
      case 'marquee':
        g.current = world;
        api.select([...new Set([...g.base, ...inRect(store, rectFromPoints(g.start, world))])]);
        redraw();
        return;
      case 'pen':
        if (g.points.length < MAX_DRAWING_POINTS * 2) g.points.push(world.x, world.y);
        redraw();
        return;
      case 'connect':
        g.current = world;
        g.target =
          hitBox(store, world, camera.scale, g.start.kind === 'shape' ? g.start.shapeId : undefined)
            ?.id ?? null;
        redraw();
        return;
      case 'create':
        g.current = world;
        redraw();
        return;
    }
  };

  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
    if (pinch.current) {
      if (pointers.current.size < 2) pinch.current = null;
      return;
    }
    const g = gesture.current;
    gesture.current = { kind: 'none' };
    switch (g.kind) {
      case 'move': {
        const dx = g.last.x - g.sent.x;
        const dy = g.last.y - g.sent.y;
        if (dx !== 0 || dy !== 0) moveBy(api.doc, store, g.ids, dx, dy);
        api.preview.clear();
        api.undo.stopCapturing();
        return;
      }
      case 'pen': {
        api.commitDrawing(simplify(g.points, 1.5 / camera.scale));
        redraw();
        return;
      }
      case 'connect': {
        const end: Terminal = g.target
          ? { kind: 'shape', shapeId: g.target }
          : { kind: 'point', x: Math.round(g.current.x), y: Math.round(g.current.y) };
        const startPoint = g.start.kind === 'point' ? g.start : null;
        const tooShort =
          !g.target &&
          startPoint &&
          Math.hypot(startPoint.x - g.current.x, startPoint.y - g.current.y) < 10 / camera.scale;
        if (
          !tooShort &&
          !(g.start.kind === 'shape' && end.kind === 'shape' && g.start.shapeId === end.shapeId)
        ) {
          const c = { ...connectorDefaults(), id: newId(), z: topZ(store), start: g.start, end };
          addShapes(api.doc, [c]);
          api.finishCreate(c.id, false);
        }
        redraw();
        return;
      }
      case 'create': {
        const r = rectFromPoints(g.start, g.current);
        const dragged = r.w * camera.scale > 8 && r.h * camera.scale > 8;
        const base = g.tool === 'frame' ? frameDefaults() : geoDefaults(g.tool);
        const w = dragged ? Math.round(r.w) : base.w;
        const h = dragged ? Math.round(r.h) : base.h;
        const x = Math.round(dragged ? r.x : g.start.x - w / 2);
        const y = Math.round(dragged ? r.y : g.start.y - h / 2);
        // Frames go under what is already there, so dropping one around notes frames them.
        const z = g.tool === 'frame' ? api.bottomZ() : topZ(store);
        const shape = { ...base, id: newId(), x, y, w, h, z } as BoxShape;
        addShapes(api.doc, [shape]);
        api.finishCreate(shape.id, true);
        redraw();
        return;
      }
      case 'marquee':
        redraw();
        return;
    }
  };

  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    if (editingId || api.readOnly || onPlace) return;
    const world = screenToWorld(camera, toLocal(e));
    const hit = hitTest(store, world, camera.scale);
    if (hit && !hit.locked && hit.type !== 'drawing') api.edit(hit.id);
    else if (!hit) api.createSticky(world);
  };

  const onTransformEnd = () => {
    const node = resizable ? stageRef.current?.findOne(`#${resizable.id}`) : undefined;
    if (!node || !resizable || !isBoxShape(resizable)) return;
    const sx = node.scaleX();
    const sy = node.scaleY();
    node.scale({ x: 1, y: 1 });
    const w = Math.max(20, Math.round(resizable.w * sx));
    const h = resizeMode === 'width' ? resizable.h : Math.max(20, Math.round(resizable.h * sy));
    patchShapes(
      api.doc,
      new Map([[resizable.id, { x: Math.round(node.x()), y: Math.round(node.y()), w, h }]]),
    );
    if (resizable.type === 'text') api.refitText(resizable.id);
  };

  const g = gesture.current;
  const selectedSet = new Set(selection);
  const peerSelections = peers.flatMap((p) =>
    p.selection.flatMap((id) => {
      const s = store.get(id);
      const b = s ? shapeBounds(s, store.lookup) : null;
      return b ? [{ key: `${p.clientId}:${id}`, b, color: p.color }] : [];
    }),
  );

  return (
    <div
      ref={containerRef}
      className={`board-canvas tool-${tool}${api.readOnly ? ' read-only' : ''}${onPlace ? ' placing' : ''}`}
      role="application"
      aria-label={t('board.canvasLabel', { id: api.boardId })}
      aria-describedby="board-canvas-help"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application": the board takes focus so its shortcuts and Tab-through-objects work
      tabIndex={0}
      data-testid="board-canvas"
      onPointerDown={onPointerDown}
      // The board focuses itself in onPointerDown; the browser's own mousedown focus would
      // steal focus from a text editor that the same press just opened.
      onMouseDown={(e) => e.preventDefault()}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => api.awareness.setLocalStateField('cursor', null)}
      onDoubleClick={onDoubleClick}
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
          <Layer listening={false}>
            {lowDetail ? (
              <LowDetail api={api.core} scale={camera.scale} />
            ) : (
              visible.map((s) => (
                <ShapeNode key={s.id} api={api.core} id={s.id} editing={s.id === editingId} />
              ))
            )}
          </Layer>
          <Layer>
            {peerSelections.map(({ key, b, color }) => (
              <KRect
                key={key}
                x={b.x - 4}
                y={b.y - 4}
                width={b.w + 8}
                height={b.h + 8}
                stroke={color}
                strokeWidth={2 / camera.scale}
                dash={[6 / camera.scale, 4 / camera.scale]}
                listening={false}
              />
            ))}
            {[...selectedSet].map((id) => {
              // The transformer draws its own frame around a resizable selection.
              if (resizeMode !== 'none' && id === resizable?.id) return null;
              const s = store.get(id);
              const b = s ? shapeBounds(s, store.lookup) : null;
              if (!s || !b) return null;
              const o = api.preview.offsetOf(id);
              return (
                <KRect
                  key={id}
                  x={b.x + o.dx - 3}
                  y={b.y + o.dy - 3}
                  width={b.w + 6}
                  height={b.h + 6}
                  stroke={s.locked ? '#8a93a0' : '#1d4e89'}
                  strokeWidth={2 / camera.scale}
                  dash={s.locked ? [4 / camera.scale, 4 / camera.scale] : undefined}
                  listening={false}
                />
              );
            })}
            {g.kind === 'marquee' && (
              <KRect
                {...toKonvaRect(rectFromPoints(g.start, g.current))}
                fill="rgba(29,78,137,0.08)"
                stroke="#1d4e89"
                strokeWidth={1 / camera.scale}
                listening={false}
              />
            )}
            {g.kind === 'create' && (
              <KRect
                {...toKonvaRect(rectFromPoints(g.start, g.current))}
                stroke="#1d4e89"
                dash={[6 / camera.scale, 4 / camera.scale]}
                strokeWidth={1.5 / camera.scale}
                listening={false}
              />
            )}
            {g.kind === 'pen' && (
              <Line
                points={g.points}
                stroke={INK[api.style.penColor]}
                strokeWidth={PEN_WIDTHS[api.style.penWidth]}
                lineCap="round"
                lineJoin="round"
                tension={0.4}
                listening={false}
              />
            )}
            {g.kind === 'connect' && <ConnectPreview g={g} api={api} />}
            <Transformer
              ref={trRef}
              rotateEnabled={false}
              flipEnabled={false}
              keepRatio={resizeMode === 'aspect'}
              enabledAnchors={
                resizeMode === 'width'
                  ? ['middle-left', 'middle-right']
                  : resizeMode === 'aspect'
                    ? ['top-left', 'top-right', 'bottom-left', 'bottom-right']
                    : undefined
              }
              ignoreStroke
              onTransformEnd={onTransformEnd}
            />
          </Layer>
          <Layer listening={false}>
            <Cursors peers={peers} scale={camera.scale} />
          </Layer>
          {overlay && <Layer listening={false}>{overlay}</Layer>}
        </Stage>
      )}
      {editingId && <TextEditor api={api} id={editingId} />}
      {store.size === 0 && !api.readOnly && <p className="empty-hint">{t('board.emptyHint')}</p>}
    </div>
  );
}

function ConnectPreview({ g, api }: { g: Extract<Gesture, { kind: 'connect' }>; api: EditorApi }) {
  const startShape = g.start.kind === 'shape' ? api.store.get(g.start.shapeId) : undefined;
  const from =
    g.start.kind === 'point'
      ? g.start
      : startShape && isBoxShape(startShape)
        ? { x: startShape.x + startShape.w / 2, y: startShape.y + startShape.h / 2 }
        : g.current;
  const target = g.target ? api.store.get(g.target) : undefined;
  return (
    <>
      {target && isBoxShape(target) && (
        <KRect
          x={target.x - 4}
          y={target.y - 4}
          width={target.w + 8}
          height={target.h + 8}
          stroke="#1d4e89"
          strokeWidth={2}
          listening={false}
        />
      )}
      <Arrow
        points={[from.x, from.y, g.current.x, g.current.y]}
        stroke="#1d4e89"
        fill="#1d4e89"
        strokeWidth={2}
        dash={[8, 6]}
        listening={false}
      />
    </>
  );
}

function toKonvaRect(r: Rect) {
  return { x: r.x, y: r.y, width: r.w, height: r.h };
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

import {
  deleteShapes,
  newId,
  ORIGIN_LOCAL,
  type Shape,
  STICKY_SIZE,
  shapesMap,
  stickyDefaults,
  updateShapes,
  writeShapes,
  zAbove,
} from '@torg/shared';
import type Konva from 'konva';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Layer, Stage } from 'react-konva';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useT } from '../i18n/LocaleProvider.js';
import { Cursors } from './Cursors.js';
import { type Camera, screenToWorld, zoomAt } from './camera.js';
import { StickyEditor } from './StickyEditor.js';
import { componentFor } from './shapes/index.js';
import { usePeers } from './usePresence.js';
import { useShape, useShapeIds } from './useShapes.js';

/** Drag positions go out at most this often; the final one always goes. */
const DRAG_SEND_MS = 50;
const CURSOR_SEND_MS = 40;

export interface BoardCanvasHandle {
  /** Adds a sticky in the middle of the view and opens it for typing. */
  addStickyAtCenter(): void;
}

interface Props {
  boardId: string;
  doc: Y.Doc;
  awareness: Awareness;
}

function useSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

export const BoardCanvas = forwardRef<BoardCanvasHandle, Props>(function BoardCanvas(
  { boardId, doc, awareness },
  handle,
) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const size = useSize(containerRef);
  const [camera, setCamera] = useState<Camera>({ x: 0, y: 0, scale: 1 });
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const ids = useShapeIds(doc);
  const peers = usePeers(awareness);
  const all = shapesMap(doc);
  const editingShape = useShape(editing ? all.get(editing) : undefined);
  const lastDragSend = useRef(0);
  const lastCursorSend = useRef(0);

  const addSticky = useCallback(
    (center: { x: number; y: number }) => {
      const zs = [...all.values()]
        .map((m) => m.get('z'))
        .filter((z): z is string => typeof z === 'string');
      const sticky: Shape = {
        ...stickyDefaults(),
        id: newId(),
        x: Math.round(center.x - STICKY_SIZE.w / 2),
        y: Math.round(center.y - STICKY_SIZE.h / 2),
        z: zAbove(zs),
      };
      writeShapes(doc, [sticky], ORIGIN_LOCAL);
      setSelected(sticky.id);
      setEditing(sticky.id);
    },
    [all, doc],
  );

  useImperativeHandle(
    handle,
    () => ({
      addStickyAtCenter: () =>
        addSticky(screenToWorld(camera, { x: size.width / 2, y: size.height / 2 })),
    }),
    [addSticky, camera, size],
  );

  // Editing and selection end if someone else deletes the note.
  useEffect(() => {
    if (editing && !ids.includes(editing)) setEditing(null);
    if (selected && !ids.includes(selected)) setSelected(null);
  }, [editing, selected, ids]);

  const onMove = useCallback(
    (id: string, pos: { x: number; y: number }, final: boolean) => {
      const now = performance.now();
      if (!final && now - lastDragSend.current < DRAG_SEND_MS) return;
      lastDragSend.current = now;
      updateShapes(
        doc,
        new Map([[id, { x: Math.round(pos.x), y: Math.round(pos.y) }]]),
        ORIGIN_LOCAL,
      );
    },
    [doc],
  );

  const pointerWorld = (stage: Konva.Stage) => {
    const p = stage.getPointerPosition();
    return p ? screenToWorld(camera, p) : null;
  };

  /** Double-click or double-tap on empty space adds a note there. */
  const addStickyAtPointer = (e: Konva.KonvaEventObject<Event>) => {
    const stage = e.target.getStage();
    if (!stage || e.target !== stage) return;
    const p = pointerWorld(stage);
    if (p) addSticky(p);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing || !selected) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      deleteShapes(doc, [selected], ORIGIN_LOCAL);
      setSelected(null);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setEditing(selected);
    } else if (e.key === 'Escape') {
      setSelected(null);
    }
  };

  return (
    <div
      ref={containerRef}
      className="board-canvas"
      role="application"
      aria-label={t('board.canvasLabel', { id: boardId })}
      onKeyDown={onKeyDown}
      data-testid="board-canvas"
    >
      {size.width > 0 && (
        <Stage
          width={size.width}
          height={size.height}
          x={camera.x}
          y={camera.y}
          scaleX={camera.scale}
          scaleY={camera.scale}
          draggable
          onDragEnd={(e) => {
            if (e.target === e.target.getStage()) {
              setCamera((c) => ({ ...c, x: e.target.x(), y: e.target.y() }));
            }
          }}
          onWheel={(e) => {
            e.evt.preventDefault();
            const stage = e.target.getStage();
            const p = stage?.getPointerPosition();
            if (!p) return;
            if (e.evt.ctrlKey || e.evt.metaKey) {
              setCamera((c) => zoomAt(c, p, Math.exp(-e.evt.deltaY * 0.0015)));
            } else {
              setCamera((c) => ({ ...c, x: c.x - e.evt.deltaX, y: c.y - e.evt.deltaY }));
            }
          }}
          onMouseDown={(e) => {
            if (e.target === e.target.getStage()) setSelected(null);
          }}
          onDblClick={addStickyAtPointer}
          onDblTap={addStickyAtPointer}
          onMouseMove={(e) => {
            const stage = e.target.getStage();
            const now = performance.now();
            if (!stage || now - lastCursorSend.current < CURSOR_SEND_MS) return;
            lastCursorSend.current = now;
            awareness.setLocalStateField('cursor', pointerWorld(stage));
          }}
          onMouseLeave={() => awareness.setLocalStateField('cursor', null)}
        >
          <Layer>
            {ids.map((id) => {
              const map = all.get(id);
              const Component = componentFor(map?.get('type'));
              return map && Component ? (
                <Component
                  key={id}
                  map={map}
                  selected={selected === id}
                  editing={editing === id}
                  onSelect={setSelected}
                  onEdit={setEditing}
                  onMove={onMove}
                />
              ) : null;
            })}
          </Layer>
          <Layer listening={false}>
            <Cursors peers={peers} scale={camera.scale} />
          </Layer>
        </Stage>
      )}
      {editingShape && (
        <StickyEditor
          key={editingShape.id}
          doc={doc}
          shape={editingShape}
          camera={camera}
          onClose={() => {
            setEditing(null);
            containerRef.current?.focus();
          }}
        />
      )}
      {ids.length === 0 && <p className="empty-hint">{t('board.emptyHint')}</p>}
    </div>
  );
});

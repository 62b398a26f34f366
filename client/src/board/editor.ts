import {
  type Drawing,
  generateZBelow,
  type InkColor,
  newId,
  ORIGIN_LOCAL,
  type Point,
  placedImageSize,
  type Rect,
  type Shape,
  STICKY_SIZES,
  shapeBounds,
  shapesMap,
  stickyDefaults,
  TEXT_SIZES,
  unionRects,
} from '@torg/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addShapes, patchShapes, topZ } from './actions.js';
import { type Camera, MAX_SCALE, MIN_SCALE, screenToWorld, zoomAt } from './camera.js';
import { MovePreview } from './preview.js';
import { BoardStore } from './store.js';
import { textHeight } from './text-fit.js';
import type { Tool } from './tools.js';
import { usePeers } from './usePresence.js';

/** The parts of an open board that never change while it is open. */
export interface EditorCore {
  boardId: string;
  doc: Y.Doc;
  store: BoardStore;
  preview: MovePreview;
  awareness: Awareness;
  /** Tracks only this person's changes: undo never removes someone else's work. */
  undo: Y.UndoManager;
}

export interface EditorState {
  camera: Camera;
  selection: string[];
  editingId: string | null;
  tool: Tool;
  following: number | null;
}

export interface EditorStyle {
  penColor: InkColor;
  penWidth: Drawing['width'];
}

export type EditorApi = EditorCore & {
  core: EditorCore;
  state: EditorState;
  style: EditorStyle;
  viewport: { width: number; height: number };
  /**
   * This person may only look (a locked board, another group's board, an observer): no
   * tool but select and pan, no edits. The server refuses writes too; this keeps the UI honest.
   */
  readOnly: boolean;
  /** The visible area in board coordinates. */
  visibleRect(): Rect;
  setStyle(patch: Partial<EditorStyle>): void;
  setViewportSize(size: { width: number; height: number }): void;
  /** `byUser`: the person moved the view themselves (ends following). */
  setCamera(update: (c: Camera) => Camera, byUser: boolean): void;
  select(ids: string[]): void;
  edit(id: string | null): void;
  setTool(tool: Tool): void;
  follow(clientId: number | null): void;
  createSticky(at: Point): void;
  finishCreate(id: string, editText: boolean): void;
  commitDrawing(points: number[]): void;
  pickImage(at?: Point): void;
  placeImageFile(file: File, at?: Point): Promise<void>;
  refitText(id: string): void;
  bottomZ(): string;
  viewCenter(): Point;
  zoomBy(factor: number): void;
  zoomToRect(rect: Rect | null): void;
  zoomToFit(): void;
  zoomToSelection(): void;
};

export function useEditorCore(boardId: string, doc: Y.Doc, awareness: Awareness): EditorCore {
  const core = useMemo(() => {
    const store = new BoardStore(doc);
    const undo = new Y.UndoManager(shapesMap(doc), {
      trackedOrigins: new Set([ORIGIN_LOCAL]),
      captureTimeout: 400,
    });
    return { boardId, doc, store, preview: new MovePreview(), awareness, undo };
  }, [boardId, doc, awareness]);
  useEffect(
    () => () => {
      core.undo.destroy();
      core.store.destroy();
    },
    [core],
  );
  return core;
}

const FIT_PADDING = 60;

/** The server's refusal of an upload (its `error` code), as the notice the person sees. */
const UPLOAD_ERRORS: Record<string, string> = {
  too_large: 'image.tooLarge',
  too_many_pixels: 'image.tooManyPixels',
  unsupported_type: 'image.unsupported',
  undecodable_image: 'image.unreadable',
  busy: 'image.busy',
  rate_limited: 'error.tooMany',
};

/** Tools a read-only viewer keeps. */
export const READ_ONLY_TOOLS: readonly Tool[] = ['select', 'hand'];

export function useEditor(
  core: EditorCore,
  uploadError: (key: string | null) => void,
  readOnly = false,
): EditorApi {
  const [state, setState] = useState<EditorState>({
    camera: { x: 0, y: 0, scale: 1 },
    selection: [],
    editingId: null,
    tool: 'select',
    following: null,
  });
  const [style, setStyleState] = useState<EditorStyle>({ penColor: 'black', penWidth: 'm' });
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const stateRef = useRef(state);
  stateRef.current = state;
  const viewportRef = useRef(viewport);
  viewportRef.current = viewport;
  const fileInput = useRef<HTMLInputElement | null>(null);
  const peers = usePeers(core.awareness);
  const { store, doc, awareness } = core;

  const setCamera = useCallback((update: (c: Camera) => Camera, byUser: boolean) => {
    setState((s) => ({ ...s, camera: update(s.camera), following: byUser ? null : s.following }));
  }, []);

  const zoomToRect = useCallback(
    (rect: Rect | null) => {
      const vp = viewportRef.current;
      if (!rect || vp.width === 0) return;
      const scale = Math.min(
        MAX_SCALE,
        Math.max(
          MIN_SCALE,
          Math.min(
            (vp.width - FIT_PADDING * 2) / Math.max(rect.w, 1),
            (vp.height - FIT_PADDING * 2) / Math.max(rect.h, 1),
          ),
        ),
      );
      setCamera(
        () => ({
          scale,
          x: vp.width / 2 - (rect.x + rect.w / 2) * scale,
          y: vp.height / 2 - (rect.y + rect.h / 2) * scale,
        }),
        true,
      );
    },
    [setCamera],
  );

  // Broadcast what I select and what I look at (for outlines and follow mode).
  useEffect(() => {
    awareness.setLocalStateField('selection', state.selection);
  }, [awareness, state.selection]);
  useEffect(() => {
    if (viewport.width === 0) return;
    const tl = screenToWorld(state.camera, { x: 0, y: 0 });
    const handle = setTimeout(() => {
      awareness.setLocalStateField('viewport', {
        x: Math.round(tl.x),
        y: Math.round(tl.y),
        w: Math.round(viewport.width / state.camera.scale),
        h: Math.round(viewport.height / state.camera.scale),
      });
    }, 80);
    return () => clearTimeout(handle);
  }, [awareness, state.camera, viewport]);

  // Following someone: my view shows what theirs shows, until I move it myself.
  const followed =
    state.following === null ? null : peers.find((p) => p.clientId === state.following);
  const followedViewport = followed?.viewport ? JSON.stringify(followed.viewport) : null;
  useEffect(() => {
    if (!followedViewport) return;
    const vp = viewportRef.current;
    const r = JSON.parse(followedViewport) as Rect;
    if (vp.width === 0) return;
    const scale = Math.min(vp.width / r.w, vp.height / r.h);
    setState((s) => ({
      ...s,
      camera: {
        scale,
        x: vp.width / 2 - (r.x + r.w / 2) * scale,
        y: vp.height / 2 - (r.y + r.h / 2) * scale,
      },
    }));
  }, [followedViewport]);
  useEffect(() => {
    if (state.following !== null && !followed) setState((s) => ({ ...s, following: null }));
  }, [state.following, followed]);

  // Selection and editing end when the objects disappear (someone else deleted them).
  useEffect(
    () =>
      store.subscribeOrder(() => {
        setState((s) => {
          const selection = s.selection.filter((id) => store.get(id));
          const editingId = s.editingId && store.get(s.editingId) ? s.editingId : null;
          return selection.length === s.selection.length && editingId === s.editingId
            ? s
            : { ...s, selection, editingId };
        });
      }),
    [store],
  );

  const viewCenter = useCallback(
    () =>
      screenToWorld(stateRef.current.camera, {
        x: viewportRef.current.width / 2,
        y: viewportRef.current.height / 2,
      }),
    [],
  );

  // Becoming read-only (the facilitator locks the board) ends editing and drawing at once.
  useEffect(() => {
    if (!readOnly) return;
    setState((s) =>
      s.editingId === null && READ_ONLY_TOOLS.includes(s.tool)
        ? s
        : { ...s, editingId: null, tool: 'select' },
    );
  }, [readOnly]);

  const placeImageFile = useCallback(
    async (file: File, at?: Point) => {
      if (readOnly) return;
      uploadError(null);
      const res = await fetch(`/api/boards/${core.boardId}/assets`, { method: 'POST', body: file });
      if (!res.ok) {
        const code = ((await res.json().catch(() => ({}))) as { error?: string }).error;
        uploadError(UPLOAD_ERRORS[code ?? ''] ?? 'image.failed');
        return;
      }
      const info = (await res.json()) as { assetId: string; width: number; height: number };
      const { w, h } = placedImageSize(info.width, info.height);
      const c = at ?? viewCenter();
      const id = newId();
      addShapes(doc, [
        {
          type: 'image',
          v: 1,
          locked: false,
          id,
          assetId: info.assetId,
          alt: file.name.replace(/\.[^.]+$/, ''),
          x: Math.round(c.x - w / 2),
          y: Math.round(c.y - h / 2),
          w,
          h,
          z: topZ(store),
        },
      ]);
      setState((s) => ({ ...s, selection: [id], tool: 'select' }));
    },
    [core.boardId, doc, store, viewCenter, uploadError, readOnly],
  );

  return useMemo<EditorApi>(() => {
    const select = (ids: string[]) => setState((s) => ({ ...s, selection: ids }));
    const edit = (id: string | null) => {
      if (readOnly && id !== null) return;
      setState((s) => ({ ...s, editingId: id, selection: id ? [id] : s.selection }));
    };
    const finishCreate = (id: string, editText: boolean) =>
      setState((s) => ({ ...s, selection: [id], editingId: editText ? id : null, tool: 'select' }));
    return {
      ...core,
      core,
      state,
      style,
      viewport,
      readOnly,
      visibleRect: () => {
        const tl = screenToWorld(state.camera, { x: 0, y: 0 });
        return {
          x: tl.x,
          y: tl.y,
          w: viewport.width / state.camera.scale,
          h: viewport.height / state.camera.scale,
        };
      },
      setStyle: (patch) => setStyleState((s) => ({ ...s, ...patch })),
      setViewportSize: setViewport,
      setCamera,
      select,
      edit,
      setTool: (tool) => {
        if (readOnly && !READ_ONLY_TOOLS.includes(tool)) return;
        setState((s) => ({ ...s, tool, editingId: null }));
      },
      follow: (clientId) => setState((s) => ({ ...s, following: clientId })),
      createSticky: (at) => {
        if (readOnly) return;
        const d = stickyDefaults();
        const shape: Shape = {
          ...d,
          id: newId(),
          x: Math.round(at.x - d.w / 2),
          y: Math.round(at.y - d.h / 2),
          z: topZ(store),
        };
        addShapes(doc, [shape]);
        finishCreate(shape.id, true);
      },
      finishCreate,
      commitDrawing: (points) => {
        if (readOnly || points.length < 4) return;
        let minX = Number.POSITIVE_INFINITY;
        let minY = Number.POSITIVE_INFINITY;
        let maxX = Number.NEGATIVE_INFINITY;
        let maxY = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < points.length; i += 2) {
          minX = Math.min(minX, points[i] ?? 0);
          maxX = Math.max(maxX, points[i] ?? 0);
          minY = Math.min(minY, points[i + 1] ?? 0);
          maxY = Math.max(maxY, points[i + 1] ?? 0);
        }
        const rel = points.map((v, i) => Math.round((i % 2 === 0 ? v - minX : v - minY) * 10) / 10);
        addShapes(doc, [
          {
            type: 'drawing',
            v: 1,
            locked: false,
            id: newId(),
            x: Math.round(minX * 10) / 10,
            y: Math.round(minY * 10) / 10,
            w: Math.max(1, maxX - minX),
            h: Math.max(1, maxY - minY),
            z: topZ(store),
            points: rel,
            color: style.penColor,
            width: style.penWidth,
          },
        ]);
      },
      pickImage: (at) => {
        if (readOnly) return;
        let input = fileInput.current;
        if (!input) {
          input = document.createElement('input');
          input.type = 'file';
          input.accept = 'image/png,image/jpeg,image/gif,image/webp';
          fileInput.current = input;
        }
        input.onchange = () => {
          const file = input?.files?.[0];
          if (file) void placeImageFile(file, at);
          if (input) input.value = '';
        };
        input.click();
      },
      placeImageFile,
      refitText: (id) => {
        if (readOnly) return;
        const s = store.get(id);
        if (s?.type !== 'text') return;
        const h = textHeight(s.text, s.w, TEXT_SIZES[s.size], s.bold);
        if (h !== s.h) patchShapes(doc, new Map([[id, { h }]]));
      },
      bottomZ: () => generateZBelow(store.get(store.order()[0] ?? '')?.z ?? null),
      viewCenter,
      zoomBy: (factor) =>
        setCamera(
          (c) => zoomAt(c, { x: viewport.width / 2, y: viewport.height / 2 }, factor),
          true,
        ),
      zoomToRect,
      zoomToFit: () =>
        zoomToRect(unionRects(store.list().flatMap((s) => shapeBounds(s, store.lookup) ?? []))),
      zoomToSelection: () =>
        zoomToRect(
          unionRects(
            state.selection.flatMap((id) => {
              const s = store.get(id);
              return s ? (shapeBounds(s, store.lookup) ?? []) : [];
            }),
          ),
        ),
    };
  }, [
    core,
    state,
    style,
    viewport,
    readOnly,
    setCamera,
    doc,
    store,
    placeImageFile,
    viewCenter,
    zoomToRect,
  ]);
}

export function stickySizePatch(size: keyof typeof STICKY_SIZES) {
  return { size, w: STICKY_SIZES[size], h: STICKY_SIZES[size] };
}

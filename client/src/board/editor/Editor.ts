import {
  generateZBelow,
  ORIGIN_LOCAL,
  type Point,
  type Rect,
  type Shape,
  STICKY_SIZES,
  shapeBounds,
  shapesMap,
  textFitHeight,
  unionRects,
} from '@torg/shared';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { patchShapes } from '../actions.js';
import { type Camera, cameraFitting, screenToWorld, zoomAt } from '../camera.js';
import { hitTest } from '../hit-test.js';
import { MovePreview } from '../preview.js';
import { BoardStore } from '../store.js';
import type { Tool } from '../tools.js';
import { Observable } from './observable.js';
import { syncPresence } from './presence-sync.js';
import { type BoardRules, DEFAULT_RULES, type EditorState, type EditorStyle } from './state.js';
import { panning } from './tools/panning.js';
import { pinching } from './tools/pinching.js';
import type { Overlay, PointerInfo, ToolState } from './tools/types.js';

export type { BoardRules, EditorState, EditorStyle } from './state.js';

export interface EditorOptions {
  boardId: string;
  doc: Y.Doc;
  awareness: Awareness;
  readOnly?: boolean;
  rules?: BoardRules;
  /** Each tool's idle state, made for this editor (see tools/index.ts). */
  tools: (editor: Editor) => Record<Tool, ToolState>;
  /** A notice for the person (a refused upload), or null to clear it. */
  notice?: (key: string | null) => void;
}

/** Tools a read-only viewer keeps. */
export const READ_ONLY_TOOLS: readonly Tool[] = ['select', 'hand'];
const FIT_PADDING = 60;
/** Cursor positions go out at most 20 times a second (the server batches awareness too). */
const CURSOR_SEND_MS = 50;

/**
 * One open board's editor: a plain object that lives as long as the board is open (tldraw's
 * Editor idea). Session state is observable (`subscribe`, `state`); the board's content is
 * the Y.Doc (`doc`, read through `store`). Pointer input goes to the current tool's state
 * (`pointerDown/Move/Up`, `cancel`); React only draws what it reads (see useEditorState).
 */
export class Editor {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly store: BoardStore;
  readonly preview = new MovePreview();
  readonly awareness: Awareness;
  /** Tracks only this person's changes: undo never removes someone else's work. */
  readonly undo: Y.UndoManager;
  readonly notice: (key: string | null) => void;
  /** Placing something (a comment): a click reports the board point and the object under it. */
  placing: ((world: Point, hit: Shape | null) => void) | null = null;
  /** The space bar is held: a drag pans whatever the tool. */
  spaceHeld = false;
  /** The person has pressed on the board (the view is theirs now). */
  touched = false;
  /** The size of what floats over the canvas's bottom-right corner (set by the page). */
  coveredCorner: (() => { width: number; height: number } | null) | null = null;
  /** The area the view was last fitted to, until the person moves the view. */
  private fitted: { rect: Rect; max: number | undefined; padding: number } | null = null;

  private readonly observable: Observable<EditorState>;
  private readonly tools: Record<Tool, ToolState>;
  private active: ToolState;
  private readonly cleanups: (() => void)[] = [];

  constructor(options: EditorOptions) {
    this.boardId = options.boardId;
    this.doc = options.doc;
    this.awareness = options.awareness;
    this.notice = options.notice ?? (() => {});
    this.store = new BoardStore(this.doc);
    this.undo = new Y.UndoManager(shapesMap(this.doc), {
      trackedOrigins: new Set([ORIGIN_LOCAL]),
      captureTimeout: 400,
    });
    this.observable = new Observable<EditorState>({
      camera: { x: 0, y: 0, scale: 1 },
      selection: [],
      editingId: null,
      tool: 'select',
      following: null,
      readOnly: options.readOnly ?? false,
      style: { penColor: 'black', penWidth: 'm' },
      viewport: { width: 0, height: 0 },
      overlay: null,
      rules: options.rules ?? DEFAULT_RULES,
      hovered: null,
    });
    this.tools = options.tools(this);
    this.active = this.tools.select;
    this.cleanups.push(
      this.store.subscribeOrder(() => this.dropVanished()),
      syncPresence(this),
    );
  }

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    this.undo.destroy();
    this.store.destroy();
  }

  // ---- observable state ---------------------------------------------------------------

  get state(): EditorState {
    return this.observable.get();
  }
  get readOnly(): boolean {
    return this.state.readOnly;
  }
  get style(): EditorStyle {
    return this.state.style;
  }
  get viewport(): { width: number; height: number } {
    return this.state.viewport;
  }
  subscribe = (listener: () => void): (() => void) => this.observable.subscribe(listener);

  private set(patch: Partial<EditorState> | ((s: EditorState) => Partial<EditorState>)): void {
    this.observable.update((s) => {
      const p = typeof patch === 'function' ? patch(s) : patch;
      const changed = (Object.keys(p) as (keyof EditorState)[]).some((k) => p[k] !== s[k]);
      return changed ? { ...s, ...p } : s;
    });
  }

  /**
   * The one check before any change to the board: a read-only editor refuses (returns false
   * without running `change`).
   */
  write(change: () => void): boolean {
    if (this.readOnly) return false;
    change();
    return true;
  }

  /** Becoming read-only (the facilitator locks the board) ends editing, drawing and dragging. */
  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.readOnly) return;
    // A gesture that only looks (a marquee, a pan) goes on; one that would write ends.
    if (readOnly && this.active.writes) this.cancel();
    const toolBefore = this.state.tool;
    this.set((s) => ({
      readOnly,
      ...(readOnly && { editingId: null }),
      ...(readOnly && !READ_ONLY_TOOLS.includes(s.tool) && { tool: 'select' as const }),
    }));
    if (this.state.tool !== toolBefore) this.enterTool();
  }

  setRules(rules: BoardRules): void {
    const r = this.state.rules;
    if (r.stickyColor !== rules.stickyColor || r.mayUnlockFurniture !== rules.mayUnlockFurniture)
      this.set({ rules });
  }

  setStyle(patch: Partial<EditorStyle>): void {
    this.set((s) => ({ style: { ...s.style, ...patch } }));
  }

  /**
   * The canvas got a new size, or its top-left corner moved on the page by `moved` (a banner
   * above it came or went). A fitted view is fitted again (a side panel opened), unless a
   * gesture is in progress; otherwise the board stays where it was on the page, so nothing
   * under the pointer moves.
   */
  setViewportSize(viewport: { width: number; height: number }, moved = { x: 0, y: 0 }): void {
    const v = this.viewport;
    if (v.width === viewport.width && v.height === viewport.height) return;
    this.set({ viewport });
    const fitted = this.fitted;
    if (fitted && this.pointers.size === 0)
      this.zoomToRect(fitted.rect, fitted.max, fitted.padding);
    else if (moved.x || moved.y) {
      this.set((s) => ({
        camera: { ...s.camera, x: s.camera.x - moved.x, y: s.camera.y - moved.y },
      }));
    }
  }

  /** `byUser`: the person moved the view themselves (ends following). */
  setCamera(update: (c: Camera) => Camera, byUser: boolean): void {
    this.fitted = null;
    this.set((s) => ({ camera: update(s.camera), following: byUser ? null : s.following }));
  }

  select(ids: string[]): void {
    this.set({ selection: ids });
  }

  edit(id: string | null): void {
    if (this.readOnly && id !== null) return;
    this.set((s) => ({ editingId: id, selection: id ? [id] : s.selection }));
  }

  setTool(tool: Tool): void {
    if (this.readOnly && !READ_ONLY_TOOLS.includes(tool)) return;
    this.set({ tool, editingId: null });
    this.enterTool();
  }

  follow(clientId: number | null): void {
    this.set({ following: clientId });
  }

  /** A new object is done: select it (open it for typing) and go back to the select tool. */
  finishCreate(id: string, editText: boolean): void {
    this.set({ selection: [id], editingId: editText ? id : null, tool: 'select' });
    this.enterTool();
  }

  /** What the gesture in progress draws; tools set it, the canvas reads it. */
  setOverlay(overlay: Overlay | null): void {
    this.set({ overlay });
  }

  // ---- pointer input: dispatched to the current tool's state -------------------------

  /** The current tool's state (its idle state or a gesture in progress). */
  get current(): ToolState {
    return this.active;
  }

  /** Enters a gesture (or any) state of the current tool. */
  transition(next: ToolState): void {
    this.active.exit?.();
    this.active = next;
    next.enter?.();
  }

  /** Back to the current tool's idle state (a gesture ended). */
  enterTool(): void {
    this.transition(this.tools[this.state.tool]);
  }

  /** Fingers (and the mouse) down on the canvas, by pointer id: two make a pinch. */
  readonly pointers = new Map<number, Point>();
  private lastCursorSent = Number.NEGATIVE_INFINITY;

  pointerDown(info: PointerInfo): void {
    if (this.state.editingId) return;
    // Working on the board from here on: a resize (a phone's keyboard) no longer re-fits,
    // and the board no longer opens fitted (see BoardPage).
    this.fitted = null;
    this.touched = true;
    this.pointers.set(info.pointerId, info.screen);
    if (this.pointers.size === 2) {
      // A second finger: whatever the first started becomes a pinch (pan + zoom). A move keeps
      // what it has already sent (as it always did); a box or stroke being drawn is dropped.
      this.transition(pinching(this));
      return;
    }
    if (info.onHandle) return;
    if (this.spaceHeld || info.button === 1) {
      this.transition(panning(this, info));
      return;
    }
    if (info.button !== 0) return;
    if (this.placing) {
      this.placing(info.world, this.hitAt(info.world));
      return;
    }
    this.active.pointerDown?.(info);
  }

  pointerMove(info: PointerInfo): void {
    if (this.pointers.has(info.pointerId)) this.pointers.set(info.pointerId, info.screen);
    if (info.now - this.lastCursorSent > CURSOR_SEND_MS) {
      this.lastCursorSent = info.now;
      const { x, y } = info.world;
      this.awareness.setLocalStateField('cursor', { x: Math.round(x), y: Math.round(y) });
    }
    // A mouse over an object with no button down: it shows who made it (every move, so the
    // object where the mouse stops is the one named).
    const hovered = this.pointers.size === 0 ? (this.hitAt(info.world)?.id ?? null) : null;
    if (hovered !== this.state.hovered) this.set({ hovered });
    this.active.pointerMove?.(info);
  }

  pointerUp(info: PointerInfo): void {
    this.pointers.delete(info.pointerId);
    this.active.pointerUp?.(info);
  }

  /** The pointer left the canvas: others stop seeing my cursor. */
  pointerLeave(): void {
    this.awareness.setLocalStateField('cursor', null);
    this.set({ hovered: null });
  }

  /**
   * A key for the tool, before the board's shortcuts; returns whether it was used. Escape
   * cancels a gesture in progress.
   */
  key(key: string): boolean {
    if (key === 'Escape' && this.cancel()) return true;
    return this.active.key?.(key) ?? false;
  }

  /** Escape: a gesture in progress ends without its change. Returns whether one did. */
  cancel(): boolean {
    if (this.active === this.tools[this.state.tool]) return false;
    this.active.cancel?.();
    this.enterTool();
    return true;
  }

  doubleClick(info: PointerInfo): void {
    if (this.state.editingId || this.placing) return;
    this.active.doubleClick?.(info);
  }

  /** The object a click at this board point picks (what is drawn on top there). */
  hitAt(world: Point): Shape | null {
    return hitTest(this.store, world, this.state.camera.scale);
  }

  /** A pointer position in screen (canvas) pixels as a board point. */
  toWorld(screen: Point): Point {
    return screenToWorld(this.state.camera, screen);
  }

  // ---- commands -----------------------------------------------------------------------

  /** A resize by the canvas's handles, following the object's resize rule. */
  resize(id: string, box: Rect): void {
    this.write(() => patchShapes(this.doc, new Map([[id, box]])));
    this.refitText(id);
  }

  /** A text is as tall as its words: after they or its width change, its height follows. */
  refitText(id: string): void {
    const s = this.store.get(id);
    if (s?.type !== 'text') return;
    const h = textFitHeight(s);
    if (h !== s.h) this.write(() => patchShapes(this.doc, new Map([[id, { h }]])));
  }

  /** A z below everything on the board (frames go under what they frame). */
  bottomZ(): string {
    return generateZBelow(this.store.get(this.store.order()[0] ?? '')?.z ?? null);
  }

  /** The visible area in board coordinates. */
  visibleRect(): Rect {
    const { camera, viewport } = this.state;
    const tl = screenToWorld(camera, { x: 0, y: 0 });
    return {
      x: tl.x,
      y: tl.y,
      w: viewport.width / camera.scale,
      h: viewport.height / camera.scale,
    };
  }

  viewCenter(): Point {
    const { camera, viewport } = this.state;
    return screenToWorld(camera, { x: viewport.width / 2, y: viewport.height / 2 });
  }

  /** Zooms by `factor` keeping the board point under `screen` (the cursor) where it is. */
  zoomAt(screen: Point, factor: number): void {
    this.setCamera((c) => zoomAt(c, screen, factor), true);
  }

  /** Zooms around the middle of the view (the zoom buttons and keys). */
  zoomBy(factor: number): void {
    const { width, height } = this.viewport;
    this.zoomAt({ x: width / 2, y: height / 2 }, factor);
  }

  /**
   * Shows all of `rect` (at no more than `maxScale`). The view stays fitted to it while the
   * canvas changes size (a panel opens beside it) until the person moves the view.
   */
  zoomToRect(rect: Rect | null, maxScale?: number, padding = FIT_PADDING): void {
    const vp = this.viewport;
    if (!rect || vp.width === 0) return;
    const camera = cameraFitting(rect, vp, padding, maxScale, this.coveredCorner?.());
    this.setCamera(() => camera, true);
    this.fitted = { rect, max: maxScale, padding };
  }

  /** The whole board in view ("Vis hele tavlen"); an empty board stays where it is. */
  zoomToFit(maxScale?: number): void {
    this.zoomToRect(this.boundsOf(this.store.list()), maxScale);
  }

  /**
   * Shows one object whole and as large as the screen allows (a presented section's frame: a
   * slide), with a margin of 4 % of the screen (16 px on a phone); false when there is no such
   * object.
   */
  zoomToShape(id: string): boolean {
    const shape = this.store.get(id);
    if (!shape) return false;
    const { width, height } = this.viewport;
    const margin = Math.min(FIT_PADDING, Math.round(Math.min(width, height) * 0.04));
    this.zoomToRect(this.boundsOf([shape]), undefined, margin);
    return true;
  }

  /**
   * The area the view is fitted to (`zoomToRect`), until the person moves the view themselves:
   * null then. A presentation's follower who looked around is told apart by it.
   */
  get fittedRect(): Rect | null {
    return this.fitted?.rect ?? null;
  }

  zoomToSelection(): void {
    this.zoomToRect(this.boundsOf(this.state.selection.flatMap((id) => this.store.get(id) ?? [])));
  }

  private boundsOf(shapes: Shape[]): Rect | null {
    return unionRects(shapes.flatMap((s) => shapeBounds(s, this.store.lookup) ?? []));
  }

  // ---- keeping the session consistent with the board and the peers ---------------------

  /** Selection and editing end when the objects disappear (someone else deleted them). */
  private dropVanished(): void {
    this.set((s) => ({
      selection: s.selection.some((id) => !this.store.get(id))
        ? s.selection.filter((id) => this.store.get(id))
        : s.selection,
      editingId: s.editingId && this.store.get(s.editingId) ? s.editingId : null,
    }));
  }
}

export function stickySizePatch(size: keyof typeof STICKY_SIZES) {
  return { size, w: STICKY_SIZES[size], h: STICKY_SIZES[size] };
}

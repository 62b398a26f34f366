import type { Point, Rect, Terminal } from '@torg/shared';
import type { Camera } from '../../camera.js';

/** One pointer event as the tools see it: where (screen and board), which button, when. */
export interface PointerInfo {
  pointerId: number;
  /** Canvas pixels from its top left corner. */
  screen: Point;
  /** Board coordinates under the pointer. */
  world: Point;
  shift: boolean;
  button: number;
  /** A timestamp in milliseconds (performance.now()), for throttling. */
  now: number;
  /** A finger, not a mouse or pen: one-finger drags pan (see touch-press.ts). */
  touch?: boolean;
  /** The press is on the resize handles (Konva's Transformer handles those itself). */
  onHandle?: boolean;
}

/**
 * A state of a tool (tldraw's StateNode, kept small): a tool's idle state, or a gesture in
 * progress (moving, brushing, panning…). The editor sends pointer input to the one active
 * state; a state moves on with `editor.transition(next)` and ends with `editor.enterTool()`.
 */
export interface ToolState {
  readonly id: string;
  /** Whether this state changes the board: a board turned read-only cancels it. */
  readonly writes?: boolean;
  enter?(): void;
  exit?(): void;
  pointerDown?(info: PointerInfo): void;
  pointerMove?(info: PointerInfo): void;
  pointerUp?(info: PointerInfo): void;
  doubleClick?(info: PointerInfo): void;
  /** A key the shortcuts left to the tool; returns whether it was used. */
  key?(key: string): boolean;
  /** Escape (or a second finger, or the board turning read-only): end without the change. */
  cancel?(): void;
}

/** What a gesture in progress draws on the canvas. */
export type Overlay =
  | { kind: 'marquee'; rect: Rect }
  | { kind: 'create'; rect: Rect }
  | { kind: 'pen'; points: number[] }
  | { kind: 'connect'; start: Terminal; current: Point; target: string | null };

/** The part of the editor the camera gestures need (they are used by the editor itself). */
export interface CameraHost {
  readonly state: { camera: Camera };
  readonly pointers: ReadonlyMap<number, Point>;
  setCamera(update: (c: Camera) => Camera, byUser: boolean): void;
  enterTool(): void;
}

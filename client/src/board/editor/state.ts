import type { Drawing, InkColor, StickyColor } from '@torg/shared';
import type { Camera } from '../camera.js';
import type { Tool } from '../tools.js';
import type { Overlay } from './tools/types.js';

export interface EditorStyle {
  penColor: InkColor;
  penWidth: Drawing['width'];
}

/** The session state of one open board: where I look, what I picked, how I draw. */
export interface EditorState {
  camera: Camera;
  selection: string[];
  editingId: string | null;
  tool: Tool;
  following: number | null;
  /**
   * This person may only look (a locked board, another group's board, an observer): no
   * tool but select and pan, no edits. The server refuses writes too; this keeps the UI honest.
   */
  readOnly: boolean;
  style: EditorStyle;
  viewport: { width: number; height: number };
  /** What the gesture in progress draws (marquee, new box, stroke, connector), or null. */
  overlay: Overlay | null;
  /** The object under the mouse while no button is pressed (its "made by" label), or null. */
  hovered: string | null;
  /** What the place around the board decides for this person (see `BoardRules`). */
  rules: BoardRules;
}

/**
 * Rules the board gets from where it is used (a workshop passes them in; the board module
 * knows nothing of workshops): the colour of this person's new notes (their group's), and
 * whether they may unlock a template's furniture (facilitators).
 */
export interface BoardRules {
  stickyColor: StickyColor;
  mayUnlockFurniture: boolean;
}

export const DEFAULT_RULES: BoardRules = { stickyColor: 'yellow', mayUnlockFurniture: true };

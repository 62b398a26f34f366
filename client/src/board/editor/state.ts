import type { Drawing, InkColor } from '@torg/shared';
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
}

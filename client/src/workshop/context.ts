import type { Participant, Rect, Role, WorkshopState } from '@torg/shared';
import type { ReactNode } from 'react';
import type { Editor as EditorApi } from '../board/editor/Editor.js';
import type { WorkshopConnection } from './useWorkshopDoc.js';

/** Who is looking: from the token (and confirmed by the server). */
export interface Viewer {
  role: Role;
  participantId: string;
}

/** Everything the pages of one workshop share (one connection to its document). */
export interface WorkshopContext {
  workshopId: string;
  token: string;
  viewer: Viewer;
  conn: WorkshopConnection;
  state: WorkshopState;
  me: Participant | undefined;
  /** The last "bring everyone here" this page should act on. */
  focus: { boardId: string; key: number | string; rect: Rect | null } | null;
}

/** What a feature of a workshop board (comments, votes) is told about the board and viewer. */
export interface BoardFeatureContext {
  workshopId: string;
  token: string;
  boardId: string;
  state: WorkshopState;
  viewer: Viewer;
}

/** What such a feature adds to the board page (props for BoardPage). */
export interface BoardFeatureUi {
  toolbar(api: EditorApi): ReactNode;
  /** On a phone, the toolbar's main actions go into the bottom bar, the rest into the menu. */
  phoneBar(api: EditorApi): ReactNode;
  phoneMenu(api: EditorApi): ReactNode;
  canvasLayer(api: EditorApi): ReactNode;
  /** Banners over the top of the canvas, stacked under the presentation's (see CanvasTop). */
  canvasTop(api: EditorApi): ReactNode;
  boardExtra(api: EditorApi): ReactNode;
}

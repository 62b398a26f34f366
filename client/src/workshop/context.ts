import type { Participant, Rect, Role, WorkshopState } from '@torg/shared';
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
  focus: { boardId: string; key: number; rect: Rect | null } | null;
}

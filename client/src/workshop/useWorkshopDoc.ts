import { IDLE_TIMER, type WorkshopState } from '@torg/shared';
import { useMemo } from 'react';
import type { ConnectionStatus } from '../sync/connection-rules.js';
import type { Member } from '../sync/members.js';
import { workshopDoc } from '../sync/page-docs.js';
import { useSyncedDoc } from '../sync/useSyncedDoc.js';

export const EMPTY_WORKSHOP: WorkshopState = {
  meta: null,
  groups: [],
  participants: [],
  boards: [],
  phases: [],
  message: null,
  timer: IDLE_TIMER,
  bring: null,
  market: null,
  vote: null,
};

export interface WorkshopConnection {
  state: WorkshopState;
  /** The local copy or the server has delivered the document. */
  ready: boolean;
  /** The server has delivered it since the page opened (what "now" means for `bring`). */
  serverSynced: boolean;
  status: ConnectionStatus;
  /** Everyone with the workshop open, ourselves included. */
  members: Member[];
  /** Increases every time the connection closes (to re-check access). */
  closes: number;
  /** The server closed the connection because the workshop was deleted. */
  deleted: boolean;
}

/** Without a token the document is not opened: the page says why. */
const NOT_OPEN: WorkshopConnection = {
  state: EMPTY_WORKSHOP,
  ready: false,
  serverSynced: false,
  status: 'connecting',
  members: [],
  closes: 0,
  deleted: false,
};

/**
 * The workshop document (`w.<workshopId>`), read-only: the server is its only writer. Kept in
 * IndexedDB too, so a reload on a dropped network still knows the groups, boards and roles.
 */
export function useWorkshopDoc(workshopId: string, token: string | null): WorkshopConnection {
  const doc = workshopDoc(workshopId, token);
  const sync = useSyncedDoc(token ? doc.docId : null, { ...doc.options, readOnly: true });
  return useMemo(
    () =>
      sync
        ? {
            state: sync.view,
            ready: sync.ready,
            serverSynced: sync.synced,
            status: sync.status,
            members: sync.members,
            closes: sync.closes,
            deleted: sync.deleted,
          }
        : NOT_OPEN,
    [sync],
  );
}

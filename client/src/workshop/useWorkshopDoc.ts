import {
  CloseCode,
  IDLE_TIMER,
  ROLES,
  type Role,
  readWorkshop,
  type WorkshopState,
  workshopDocId,
} from '@torg/shared';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionStatus, syncUrl } from '../board/useBoardSync.js';

/** Someone connected to a document, as the server stamped them (awareness `user`). */
export interface Member {
  clientId: number;
  participantId: string | null;
  name: string;
  role: Role | null;
  groupId: string | null;
  color: string;
}

/** Awareness states come from other browsers (stamped by the server): read them defensively. */
export function readMembers(awareness: Awareness, includeSelf = false): Member[] {
  const out: Member[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!includeSelf && clientId === awareness.clientID) continue;
    const u = (state as { user?: Record<string, unknown> }).user;
    if (!u || typeof u.name !== 'string') continue;
    out.push({
      clientId,
      participantId: typeof u.participantId === 'string' ? u.participantId : null,
      name: u.name.slice(0, 80),
      role: ROLES.includes(u.role as Role) ? (u.role as Role) : null,
      groupId: typeof u.groupId === 'string' ? u.groupId : null,
      color: typeof u.color === 'string' && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : '#3d3d3d',
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.clientId - b.clientId);
}

/**
 * Says "I am here" again once the document is in sync: the server stamps our presence on
 * what we send, and the state sent at the moment of connecting can arrive before it knows
 * who we are (others would then see us only at the next 15-second renewal).
 */
export function announce(provider: WebsocketProvider): void {
  const state = provider.awareness.getLocalState();
  if (state !== null) provider.awareness.setLocalState({ ...state });
}

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

/**
 * The workshop document (`w.<workshopId>`), read-only: the server is its only writer. Kept in
 * IndexedDB too, so a reload on a dropped network still knows the groups, boards and roles.
 */
export function useWorkshopDoc(workshopId: string, token: string | null): WorkshopConnection {
  const [conn, setConn] = useState<WorkshopConnection>({
    state: EMPTY_WORKSHOP,
    ready: false,
    serverSynced: false,
    status: 'connecting',
    members: [],
    closes: 0,
    deleted: false,
  });

  useEffect(() => {
    if (!token) return;
    const docId = workshopDocId(workshopId);
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(docId, doc);
    const provider = new WebsocketProvider(syncUrl(), docId, doc, {
      params: { token },
      maxBackoffTime: 5000,
    });
    let current: WorkshopConnection = {
      state: readWorkshop(doc),
      ready: false,
      serverSynced: false,
      status: 'connecting',
      members: [],
      closes: 0,
      deleted: false,
    };
    const update = (patch: Partial<WorkshopConnection>) => {
      current = { ...current, ...patch };
      setConn(current);
    };
    update({});
    let frame = 0;
    const onDocUpdate = () => {
      // Many server transactions can arrive together: read once per frame.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update({ state: readWorkshop(doc) });
      });
    };
    doc.on('update', onDocUpdate);
    void local.whenSynced.then(() => update({ ready: true, state: readWorkshop(doc) }));
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      update({ ready: true, serverSynced: true, state: readWorkshop(doc) });
      announce(provider);
    });
    provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      if (status === 'connecting' && current.status === 'disconnected') return;
      update({ status });
    });
    provider.on('connection-close', () =>
      update({ status: 'disconnected', closes: current.closes + 1 }),
    );
    provider.on('closed', ({ code }: { code: number }) => {
      if (code === CloseCode.deleted) update({ deleted: true });
    });
    const onAwareness = () => update({ members: readMembers(provider.awareness, true) });
    provider.awareness.on('change', onAwareness);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      doc.off('update', onDocUpdate);
      provider.awareness.off('change', onAwareness);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [workshopId, token]);

  return conn;
}

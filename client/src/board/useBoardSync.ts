import { boardDocId, SYNC_PATH } from '@torg/shared';
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface BoardSync {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** True once the local copy (IndexedDB) or the server has delivered the board. */
  ready: boolean;
  status: ConnectionStatus;
}

function syncUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${SYNC_PATH}`;
}

/**
 * Opens a board: the local IndexedDB copy (offline-first, edits kept across reloads) and the
 * server over the standard y-websocket protocol. Both merge into one Y.Doc.
 */
export function useBoardSync(boardId: string): BoardSync | null {
  const [sync, setSync] = useState<BoardSync | null>(null);

  useEffect(() => {
    const docId = boardDocId(boardId);
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(docId, doc);
    const provider = new WebsocketProvider(syncUrl(), docId, doc, { maxBackoffTime: 5000 });
    let state: BoardSync = { doc, provider, ready: false, status: 'connecting' };
    const update = (patch: Partial<BoardSync>) => {
      state = { ...state, ...patch };
      setSync(state);
    };
    setSync(state);
    void local.whenSynced.then(() => update({ ready: true }));
    provider.on('sync', (synced: boolean) => {
      if (synced) update({ ready: true });
    });
    // While offline the provider keeps retrying ("connecting"); people should see
    // "offline" steadily from the first failed attempt until the connection is back.
    provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      if (status === 'connecting' && state.status === 'disconnected') return;
      update({ status });
    });
    provider.on('connection-close', () => update({ status: 'disconnected' }));
    return () => {
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [boardId]);

  return sync;
}

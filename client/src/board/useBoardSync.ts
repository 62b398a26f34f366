import { boardDocId, CloseCode, SYNC_PATH } from '@torg/shared';
import { useEffect, useRef, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface BoardSync {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** True once the local copy (IndexedDB) or the server has delivered the board. */
  ready: boolean;
  /** True once the server has delivered the board (since it was opened). */
  synced: boolean;
  status: ConnectionStatus;
  /** How often the server refused our changes (we may only read): the copy was reloaded. */
  refused: number;
}

export function syncUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${SYNC_PATH}`;
}

/**
 * Opens a board: the local IndexedDB copy (offline-first, edits kept across reloads) and the
 * server over the standard y-websocket protocol. Both merge into one Y.Doc. A board of a
 * workshop needs the member's `token` (sent as `?token=`); an open scratch board needs none.
 */
export function useBoardSync(boardId: string, options: { token?: string } = {}): BoardSync | null {
  const [sync, setSync] = useState<BoardSync | null>(null);
  const { token } = options;
  const [generation, setGeneration] = useState(0);
  const refused = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation reopens the board from the server
  useEffect(() => {
    const docId = boardDocId(boardId);
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(docId, doc);
    const provider = new WebsocketProvider(syncUrl(), docId, doc, {
      maxBackoffTime: 5000,
      ...(token ? { params: { token } } : {}),
    });
    let state: BoardSync = {
      doc,
      provider,
      ready: false,
      synced: false,
      status: 'connecting',
      refused: refused.current,
    };
    const update = (patch: Partial<BoardSync>) => {
      state = { ...state, ...patch };
      setSync(state);
    };
    setSync(state);
    void local.whenSynced.then(() => update({ ready: true }));
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      update({ ready: true, synced: true });
      // Presence sent at the moment of connecting may predate the server knowing who we are
      // (workshop boards stamp it): send it again now.
      const own = provider.awareness.getLocalState();
      if (own !== null) provider.awareness.setLocalState({ ...own });
    });
    // While offline the provider keeps retrying ("connecting"); people should see
    // "offline" steadily from the first failed attempt until the connection is back.
    provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      if (status === 'connecting' && state.status === 'disconnected') return;
      update({ status });
    });
    provider.on('connection-close', () => update({ status: 'disconnected' }));
    provider.on('closed', ({ code }: { code: number }) => {
      // Our presence id is still bound to our previous connection (an anonymous reconnect
      // the server has not noticed yet): open again with a new document, so a new id.
      if (code === CloseCode.presenceRefused) {
        setGeneration((g) => g + 1);
        return;
      }
      // The server refused a change (the board became read-only for us a moment before we
      // wrote): that change is in this copy, so start over from the server's copy.
      if (code !== CloseCode.readOnly) return;
      refused.current++;
      void local.clearData().then(() => setGeneration((g) => g + 1));
    });
    return () => {
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [boardId, token, generation]);

  return sync;
}

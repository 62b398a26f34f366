import { SYNC_PATH, syncProtocols } from '@torg/shared';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import {
  SyncedDoc,
  type SyncedDocOptions,
  type SyncedDocState,
  type Transport,
} from './SyncedDoc.js';

function syncUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${SYNC_PATH}`;
}

/** The standard y-websocket protocol to this page's server, and IndexedDB for local copies. */
const browserTransport: Transport = {
  provider: (docId, doc, { token }) =>
    new WebsocketProvider(syncUrl(), docId, doc, {
      connect: false,
      maxBackoffTime: 5000,
      // The token as a subprotocol, not `?token=`: the browser prints a socket's URL in its
      // console (failed connections), and the server answers with the plain `torg`.
      protocols: syncProtocols(token),
    }),
  localCopy: (docId, doc) => new IndexeddbPersistence(docId, doc),
};

/**
 * Opens the document `docId` (none while null) for as long as the component shows it and
 * re-renders on every change of its state (see `SyncedDoc`). A new `docId`, `token`,
 * `offline` or `invisible` opens it anew; `readOnly` is applied to the open document;
 * `read`, `members` and `readAfterChange` are taken as they are at that moment.
 */
export function useSyncedDoc<T = undefined>(
  docId: string | null,
  options: Omit<SyncedDocOptions<T>, 'docId'> = {},
): SyncedDocState<T> | null {
  const latest = useRef(options);
  latest.current = options;
  const { token = null, offline = false, invisible = false, readOnly = false } = options;
  const [session, setSession] = useState<SyncedDoc<T> | null>(null);

  useEffect(() => {
    if (docId === null) {
      setSession(null);
      return;
    }
    const opened = new SyncedDoc<T>(
      { ...latest.current, docId, token, offline, invisible },
      browserTransport,
    );
    setSession(opened);
    return () => opened.destroy();
  }, [docId, token, offline, invisible]);
  useEffect(() => session?.setReadOnly(readOnly), [session, readOnly]);

  const subscribe = useCallback(
    (onChange: () => void) => session?.subscribe(onChange) ?? (() => {}),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.state ?? null);
}

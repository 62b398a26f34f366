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

/** A document opened before its page asked for it (`openEarly`), waiting to be taken. */
interface Early {
  session: SyncedDoc;
  token: string | null;
  offline: boolean;
  expire: ReturnType<typeof setTimeout>;
}
const openedEarly = new Map<string, Early>();
/** How long an early document waits for its page before it is closed again. */
const EARLY_WAIT_MS = 20_000;

/**
 * Starts opening a document that a page is about to show (a board's link: the board, while
 * the workshop's document and the page's code are still arriving), so that its connection and
 * first sync overlap theirs instead of following them (issue 18). It is opened read-only and
 * with the page's `offline` choice; `useSyncedDoc` takes it over when asked for the same
 * document with the same token, without `read` or `members`, else it is closed after a while.
 */
export function openEarly(docId: string, options: { token: string | null; offline: boolean }) {
  if (openedEarly.has(docId)) return;
  const session = new SyncedDoc(
    { docId, token: options.token, offline: options.offline, readOnly: true },
    browserTransport,
  );
  const expire = setTimeout(() => {
    openedEarly.delete(docId);
    session.destroy();
  }, EARLY_WAIT_MS);
  openedEarly.set(docId, { session, ...options, expire });
}

/** The early document for these options, taken out of the waiting list (else `null`). */
function takeEarly<T>(
  docId: string,
  options: Omit<SyncedDocOptions<T>, 'docId'>,
): SyncedDoc<T> | null {
  const early = openedEarly.get(docId);
  if (!early) return null;
  openedEarly.delete(docId);
  clearTimeout(early.expire);
  const same =
    early.token === (options.token ?? null) &&
    early.offline === (options.offline ?? false) &&
    !options.invisible &&
    !options.read &&
    !options.members;
  if (same) return early.session as SyncedDoc<T>;
  early.session.destroy();
  return null;
}

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
    const opened =
      takeEarly<T>(docId, latest.current) ??
      new SyncedDoc<T>({ ...latest.current, docId, token, offline, invisible }, browserTransport);
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

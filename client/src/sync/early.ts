import { SYNC_PATH, syncProtocols } from '@torg/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { SyncedDoc, type SyncedDocOptions, type Transport } from './SyncedDoc.js';

/*
 * Documents opened before their page asks for them. No React here: the page's first script
 * (src/open-early.ts) uses this before the app's code has arrived.
 */

function syncUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${SYNC_PATH}`;
}

/** The standard y-websocket protocol to this page's server, and IndexedDB for local copies. */
export const browserTransport: Transport = {
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

/** What a page opens a document with; an early one is opened read-only until it is taken. */
export type EarlyOptions<T> = Omit<SyncedDocOptions<T>, 'docId' | 'readOnly'>;

/** A document opened before its page asked for it (`openEarly`), waiting to be taken. */
interface Early {
  session: SyncedDoc<unknown>;
  options: EarlyOptions<unknown>;
  expire: ReturnType<typeof setTimeout>;
  /** Lets the page read what the server sent meanwhile (`SyncedDoc.holdIncoming`). */
  release: () => void;
}
const openedEarly = new Map<string, Early>();
/** Documents a page has asked for: too late to open them early. */
const asked = new Set<string>();
/** How long an early document waits for its page before it is closed again. */
const EARLY_WAIT_MS = 20_000;

/**
 * Starts opening a document that a page is about to show (a board's link: the board and the
 * workshop, while the page's code is still arriving), so that its connection and first sync
 * overlap the download instead of following it (issue 18). What the server sends is read once
 * the page takes it, not while the page's code starts (issue 23). It is opened read-only with
 * the options the page will ask for; `useSyncedDoc` takes it over when asked for the same
 * document with the same options, else it is closed after a while.
 */
export function openEarly<T>(docId: string, options: EarlyOptions<T>): void {
  if (openedEarly.has(docId) || asked.has(docId)) return;
  const session = new SyncedDoc<T>({ ...options, docId, readOnly: true }, browserTransport);
  const expire = setTimeout(() => {
    openedEarly.delete(docId);
    session.destroy();
  }, EARLY_WAIT_MS);
  openedEarly.set(docId, {
    session: session as SyncedDoc<unknown>,
    options: options as EarlyOptions<unknown>,
    expire,
    release: session.holdIncoming(),
  });
}

/** Whether an early document was opened with the options a page now asks for. */
function sameOptions(was: EarlyOptions<unknown>, options: EarlyOptions<unknown>): boolean {
  return (
    (was.token ?? null) === (options.token ?? null) &&
    !!was.offline === !!options.offline &&
    !!was.invisible === !!options.invisible &&
    was.members === options.members &&
    was.read === options.read &&
    was.readAfterChange === options.readAfterChange
  );
}

/**
 * The early document for these options, if one waits, left waiting: a page's first render can
 * show it (`useSyncedDoc`) before its effect takes it, one render sooner.
 */
export function peekEarly<T>(docId: string, options: EarlyOptions<T>): SyncedDoc<T> | null {
  const early = openedEarly.get(docId);
  return early && sameOptions(early.options, options as EarlyOptions<unknown>)
    ? (early.session as SyncedDoc<T>)
    : null;
}

/** The early document for these options, taken out of the waiting list (else `null`). */
export function takeEarly<T>(docId: string, options: EarlyOptions<T>): SyncedDoc<T> | null {
  asked.add(docId);
  const early = openedEarly.get(docId);
  if (!early) return null;
  openedEarly.delete(docId);
  clearTimeout(early.expire);
  if (sameOptions(early.options, options as EarlyOptions<unknown>)) {
    early.release();
    return early.session as SyncedDoc<T>;
  }
  early.session.destroy();
  return null;
}

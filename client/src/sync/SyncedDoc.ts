import type { Awareness } from 'y-protocols/awareness';
import { messageAuth, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionStatus, closeAction, nextStatus } from './connection-rules.js';
import { holdMessages } from './held-messages.js';
import { type Member, readMembers } from './members.js';
import { applyLargeServerUpdates } from './server-updates.js';

/** Whether `provider` sends our document's changes to the server. */
function holdChanges(provider: WebsocketProvider, hold: boolean): void {
  provider.doc.off('update', provider._updateHandler);
  if (!hold) provider.doc.on('update', provider._updateHandler);
}

/** Runs `run` later (once) and returns a way to cancel it. */
export type Scheduler = (run: () => void) => () => void;

/** Once per animation frame: many server transactions arriving together are read once. */
export const perFrame: Scheduler = (run) => {
  const id = requestAnimationFrame(run);
  return () => cancelAnimationFrame(id);
};

/** At most once per `ms` (for reads that are costly, e.g. drawing a thumbnail). */
export const afterMs =
  (ms: number): Scheduler =>
  (run) => {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  };

/**
 * Forgets the clocks of people whose presence we dropped ourselves: y-protocols removes
 * everyone else when the connection closes, and anyone not heard of for 30 s, one clock step
 * ahead of what they sent. The server then tells us, on reconnecting or with their next
 * renewal, the very clock we moved past, and we would ignore them for another 15–30 s (the
 * console said "nobody on the board"). The server relays only the newest state per id, so
 * taking its word afresh cannot bring back anything older.
 */
function forgetRemovedClocks(awareness: Awareness): void {
  for (const id of [...awareness.meta.keys()])
    if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
}

/** The browser's copy of a document (IndexedDB), as far as the lifecycle needs it. */
export interface LocalCopy {
  whenSynced: Promise<unknown>;
  clearData(): Promise<void>;
  destroy(): Promise<void>;
}

/** How documents reach the server and the disk: y-websocket and IndexedDB in the browser. */
export interface Transport {
  provider(docId: string, doc: Y.Doc, options: { token: string | null }): WebsocketProvider;
  localCopy(docId: string, doc: Y.Doc): LocalCopy;
}

export interface SyncedDocOptions<T> {
  docId: string;
  /**
   * Sent as a WebSocket subprotocol (never in the URL, which the browser prints in its
   * console): a workshop's documents need it, an open scratch board does not.
   */
  token?: string | null;
  /**
   * We may only read this document (the server is its only writer, or the board is locked or
   * another group's): local changes are not sent, so the server never has to refuse one of
   * ours. Can change while open (`setReadOnly`).
   */
  readOnly?: boolean;
  /** Keep a copy in IndexedDB, so a reload without network still shows the document. */
  offline?: boolean;
  /** Send no presence: a watcher nobody should see (the console's thumbnails). */
  invisible?: boolean;
  /** Who is connected, read from presence: everyone, or everyone but us. */
  members?: 'all' | 'others';
  /** What the page shows of the document; read at open, on arrival and after changes. */
  read?: (doc: Y.Doc) => T;
  /** When a change is read (default: once per animation frame). */
  readAfterChange?: Scheduler;
}

export interface SyncedDocState<T = undefined> {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** `read(doc)` as of the last read (undefined without `read`). */
  view: T;
  /** Who is connected (empty unless `members` was asked for). */
  members: Member[];
  /** The local copy or the server has delivered the document. */
  ready: boolean;
  /** The server has delivered it since it was opened. */
  synced: boolean;
  status: ConnectionStatus;
  /** Increases every time a connection closes (a page may re-check access then). */
  closes: number;
  /** The server closed the connection because the workshop was deleted. */
  deleted: boolean;
  /** How often the server refused our changes (we may only read): the copy was reloaded. */
  refused: number;
}

interface Opened {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: LocalCopy | null;
  cancelRead: (() => void) | null;
  stopListening: () => void;
}

/**
 * One synced document: a Y.Doc, its y-websocket provider and (when `offline`) its IndexedDB
 * copy, with the connection's status and what the server's close codes mean
 * (`connection-rules.ts`). Framework-free: React subscribes through `useSyncedDoc`. When the
 * server asks for it (a refused presence id or a refused change) it opens a new document in
 * place; `destroy` ends it all.
 */
export class SyncedDoc<T = undefined> {
  private current: Opened | null = null;
  private snapshot: SyncedDocState<T>;
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private readOnly: boolean;

  constructor(
    private readonly options: SyncedDocOptions<T>,
    private readonly transport: Transport,
  ) {
    this.readOnly = options.readOnly ?? false;
    this.snapshot = this.open({ closes: 0, deleted: false, refused: 0 });
  }

  /**
   * Stops (or resumes) sending our document changes. The provider sends every change that
   * did not come from the server through its `_updateHandler` (public in its typings).
   */
  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.readOnly) return;
    this.readOnly = readOnly;
    const opened = this.current;
    if (opened) holdChanges(opened.provider, readOnly);
  }

  /**
   * Keeps what the server sends unread until the returned function is called (see
   * `holdMessages`): for a document opened before its page is there.
   */
  holdIncoming(): () => void {
    return this.current ? holdMessages(this.current.provider) : () => {};
  }

  /** The latest state (a new object after every change, for React's `useSyncExternalStore`). */
  get state(): SyncedDocState<T> {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.close();
    this.listeners.clear();
  }

  private open(kept: Pick<SyncedDocState<T>, 'closes' | 'deleted' | 'refused'>) {
    const { docId, token = null, offline, invisible, members, read } = this.options;
    const doc = new Y.Doc();
    const local = offline ? this.transport.localCopy(docId, doc) : null;
    const provider = this.transport.provider(docId, doc, { token });
    if (this.readOnly) holdChanges(provider, true);
    // The server's "read-only" notice (y-protocols auth): the page already knows and says why.
    // y-websocket would print it to the console together with the document's URL.
    provider.messageHandlers[messageAuth] = () => {};
    applyLargeServerUpdates(provider);
    if (invisible) {
      // Before connecting, so not even an empty presence goes out.
      provider.awareness.setLocalState(null);
      // y-websocket forwards every presence change it learns of, others' too. From a watcher
      // that has none of its own, the server takes the first forwarded id as a claim to speak
      // for someone else and closes the connection (4409): the console's thumbnails then
      // reopened over and over and showed nobody on the board. A watcher sends no presence.
      provider.awareness.off('update', provider._awarenessUpdateHandler);
    }
    provider.connect();
    const opened: Opened = { doc, provider, local, cancelRead: null, stopListening: () => {} };
    const live = () => this.current === opened && !this.destroyed;
    const readView = () => (read ? read(doc) : undefined) as T;
    const readNow = () => {
      opened.cancelRead?.();
      opened.cancelRead = null;
      return readView();
    };

    const onUpdate = () => {
      // Until the document has arrived, its arrival is read at once (below).
      if (!this.snapshot.ready || !read || opened.cancelRead) return;
      opened.cancelRead = (this.options.readAfterChange ?? perFrame)(() => {
        opened.cancelRead = null;
        if (live()) this.set({ view: readView() });
      });
    };
    doc.on('update', onUpdate);
    void local?.whenSynced.then(() => {
      if (live()) this.set({ ready: true, view: readNow() });
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced || !live()) return;
      this.set({ ready: true, synced: true, view: readNow() });
      // Presence sent at the moment of connecting may predate the server knowing who we are
      // (it stamps our name and role on it): send it again now.
      const own = provider.awareness.getLocalState();
      if (own !== null) provider.awareness.setLocalState({ ...own });
    });
    provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      if (status === 'disconnected') forgetRemovedClocks(provider.awareness);
      if (live()) this.set({ status: nextStatus(this.snapshot.status, status) });
    });
    provider.on('connection-close', () => {
      if (live()) this.set({ status: 'disconnected', closes: this.snapshot.closes + 1 });
    });
    provider.on('closed', ({ code }: { code: number }) => {
      if (live()) this.onClosed(code);
    });
    const onAwareness = () => {
      if (live() && members)
        this.set({ members: readMembers(provider.awareness, members === 'all') });
    };
    if (members) provider.awareness.on('change', onAwareness);
    const onTimeout = (_: unknown, origin: unknown) => {
      if (origin === 'timeout') forgetRemovedClocks(provider.awareness);
    };
    provider.awareness.on('update', onTimeout);
    opened.stopListening = () => {
      doc.off('update', onUpdate);
      provider.awareness.off('change', onAwareness);
      provider.awareness.off('update', onTimeout);
    };

    this.current = opened;
    return {
      doc,
      provider,
      view: readView(),
      members: [],
      ready: false,
      synced: false,
      status: 'connecting' as const,
      ...kept,
    };
  }

  private onClosed(code: number) {
    const action = closeAction(code);
    if (action === 'deleted') this.set({ deleted: true });
    else if (action === 'reopen') this.reopen();
    else if (action === 'reload') {
      this.set({ refused: this.snapshot.refused + 1 });
      const local = this.current?.local;
      if (local) void local.clearData().then(() => this.reopen());
      else this.reopen();
    }
  }

  private reopen() {
    if (this.destroyed) return;
    const { closes, deleted, refused } = this.snapshot;
    this.close();
    this.snapshot = this.open({ closes, deleted, refused });
    this.emit();
  }

  private close() {
    const opened = this.current;
    if (!opened) return;
    this.current = null;
    opened.cancelRead?.();
    opened.stopListening();
    opened.provider.destroy();
    void opened.local?.destroy();
    opened.doc.destroy();
  }

  private set(patch: Partial<SyncedDocState<T>>) {
    this.snapshot = { ...this.snapshot, ...patch };
    this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

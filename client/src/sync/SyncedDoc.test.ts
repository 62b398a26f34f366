import { CloseCode } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type LocalCopy, type Scheduler, SyncedDoc, type Transport } from './SyncedDoc.js';

/** The part of y-websocket's provider the lifecycle uses, driven by the test. */
class FakeProvider {
  readonly awareness: Awareness;
  connected = false;
  destroyed = false;
  /** Handlers by y-websocket message type (the lifecycle replaces the auth one). */
  readonly messageHandlers: unknown[] = [];
  /** What it sent to the server: every change that did not come from it, like y-websocket. */
  readonly sent: Uint8Array[] = [];
  readonly _updateHandler = (update: Uint8Array, origin: unknown) => {
    if (origin !== this) this.sent.push(update);
  };
  private readonly handlers = new Map<string, Set<(arg: unknown) => void>>();
  /** Presence it sent once connected (y-websocket forwards every change it learns of). */
  readonly sentPresence: number[][] = [];
  readonly _awarenessUpdateHandler = (change: {
    added: number[];
    updated: number[];
    removed: number[];
  }) => {
    if (this.connected)
      this.sentPresence.push([...change.added, ...change.updated, ...change.removed]);
  };
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    readonly token: string | null,
  ) {
    this.awareness = new Awareness(doc);
    doc.on('update', this._updateHandler);
    this.awareness.on('update', this._awarenessUpdateHandler);
  }
  on(event: string, handler: (arg: unknown) => void) {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler);
    this.handlers.set(event, set);
  }
  connect() {
    this.connected = true;
  }
  destroy() {
    this.destroyed = true;
    this.handlers.clear();
    this.awareness.destroy();
  }
  fire(event: string, arg: unknown) {
    for (const handler of this.handlers.get(event) ?? []) handler(arg);
  }
}

class FakeLocal implements LocalCopy {
  cleared = false;
  destroyed = false;
  private loaded!: () => void;
  whenSynced = new Promise<void>((resolve) => {
    this.loaded = resolve;
  });
  load() {
    this.loaded();
    return this.whenSynced;
  }
  async clearData() {
    this.cleared = true;
  }
  async destroy() {
    this.destroyed = true;
  }
}

function fakeTransport() {
  const providers: FakeProvider[] = [];
  const locals: FakeLocal[] = [];
  const transport: Transport = {
    provider: (docId, doc, { token }) => {
      const p = new FakeProvider(docId, doc, token);
      providers.push(p);
      // The fake stands in for y-websocket's provider: only what the lifecycle touches.
      return p as unknown as WebsocketProvider;
    },
    localCopy: () => {
      const l = new FakeLocal();
      locals.push(l);
      return l;
    },
  };
  const last = () => providers.at(-1) as FakeProvider;
  return { transport, providers, locals, last };
}

/** Reads run when the test says so. */
function manualReads() {
  const queue: (() => void)[] = [];
  const scheduler: Scheduler = (run) => {
    queue.push(run);
    return () => {
      queue.splice(queue.indexOf(run), 1);
    };
  };
  const flush = () => {
    for (const run of queue.splice(0)) run();
  };
  return { scheduler, flush, queue };
}

const readTitle = (doc: Y.Doc) => doc.getMap('m').get('title') ?? null;

/** The server's copy: each call is one more change, relayed to `doc`. */
const server = new Y.Doc();
function serverSends(doc: Y.Doc, title: string) {
  server.getMap('m').set('title', title);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
}

describe('SyncedDoc', () => {
  it('connects with the token and reads the document when the server delivers it', () => {
    const { transport, last } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'w.x', token: 'tok', read: readTitle }, transport);
    expect(last().token).toBe('tok');
    expect(last().connected).toBe(true);
    expect(synced.state).toMatchObject({ ready: false, synced: false, status: 'connecting' });
    expect(synced.state.view).toBeNull();

    serverSends(synced.state.doc, 'Samling');
    last().fire('sync', true);
    expect(synced.state).toMatchObject({ ready: true, synced: true, view: 'Samling' });
  });

  it('reads later changes once per scheduled read, not once per change', () => {
    const { transport, last } = fakeTransport();
    const reads = manualReads();
    let count = 0;
    const synced = new SyncedDoc(
      {
        docId: 'c.x',
        read: (doc) => {
          count++;
          return readTitle(doc);
        },
        readAfterChange: reads.scheduler,
      },
      transport,
    );
    last().fire('sync', true);
    const before = count;
    serverSends(synced.state.doc, 'a');
    serverSends(synced.state.doc, 'b');
    expect(reads.queue).toHaveLength(1);
    reads.flush();
    expect(count).toBe(before + 1);
    expect(synced.state.view).toBe('b');
  });

  it('is ready with the local copy before the server answers', async () => {
    const { transport, locals } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'b.x', offline: true, read: readTitle }, transport);
    serverSends(synced.state.doc, 'offline copy');
    await locals[0]?.load();
    expect(synced.state).toMatchObject({ ready: true, synced: false, view: 'offline copy' });
  });

  it('shows "offline" steadily while retrying and counts every close', () => {
    const { transport, last } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'w.x' }, transport);
    last().fire('status', { status: 'connected' });
    last().fire('connection-close', null);
    last().fire('status', { status: 'connecting' });
    expect(synced.state).toMatchObject({ status: 'disconnected', closes: 1 });
    last().fire('status', { status: 'connected' });
    expect(synced.state.status).toBe('connected');
  });

  it('opens a new document (a new presence id) when the server refuses our presence', () => {
    const { transport, providers } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'b.x' }, transport);
    const first = synced.state.doc;
    providers[0]?.fire('closed', { code: CloseCode.presenceRefused });
    expect(providers).toHaveLength(2);
    expect(providers[0]?.destroyed).toBe(true);
    expect(synced.state.doc).not.toBe(first);
    expect(synced.state.doc.clientID).not.toBe(first.clientID);
    expect(synced.state).toMatchObject({ ready: false, synced: false, refused: 0 });
  });

  it('drops the local copy and starts over from the server when a change was refused', async () => {
    const { transport, providers, locals } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'b.x', offline: true }, transport);
    const seen: number[] = [];
    synced.subscribe(() => seen.push(synced.state.refused));
    providers[0]?.fire('closed', { code: CloseCode.readOnly });
    expect(synced.state.refused).toBe(1);
    await locals[0]?.clearData();
    await Promise.resolve();
    expect(locals[0]?.cleared).toBe(true);
    expect(providers).toHaveLength(2);
    expect(synced.state.refused).toBe(1);
    expect(seen.at(-1)).toBe(1);
  });

  it('says when the workshop was deleted, and stays closed when signed out', () => {
    const { transport, providers } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'w.x' }, transport);
    providers[0]?.fire('closed', { code: CloseCode.signedOut });
    expect(synced.state.deleted).toBe(false);
    expect(providers).toHaveLength(1);
    providers[0]?.fire('closed', { code: CloseCode.deleted });
    expect(synced.state.deleted).toBe(true);
    expect(providers).toHaveLength(1);
  });

  it('sends no presence when invisible, and announces it again once in sync otherwise', () => {
    const { transport, providers } = fakeTransport();
    new SyncedDoc({ docId: 'b.x', invisible: true }, transport);
    expect(providers[0]?.awareness.getLocalState()).toBeNull();

    new SyncedDoc({ docId: 'b.y' }, transport);
    const visible = providers[1] as FakeProvider;
    visible.awareness.setLocalState({ cursor: null });
    const sent: unknown[] = [];
    visible.awareness.on('update', () => sent.push(visible.awareness.getLocalState()));
    visible.fire('sync', true);
    expect(sent).toEqual([{ cursor: null }]);
  });

  it('an invisible watcher forwards nobody’s presence (the server would take it as a claim)', () => {
    const { transport, providers } = fakeTransport();
    const watcher = new SyncedDoc({ docId: 'b.x', invisible: true, members: 'others' }, transport);
    const provider = providers[0] as FakeProvider;
    const anne = new Awareness(new Y.Doc());
    anne.setLocalState({ user: { name: 'Anne' } });
    applyAwarenessUpdate(provider.awareness, encodeAwarenessUpdate(anne, [anne.clientID]), 'ws');
    expect(watcher.state.members.map((m) => m.name)).toEqual(['Anne']);
    expect(provider.sentPresence).toEqual([]);
  });

  it('takes the server’s presence afresh after a reconnect (the provider dropped everyone)', () => {
    const { transport, providers } = fakeTransport();
    const watcher = new SyncedDoc({ docId: 'b.x', members: 'others' }, transport);
    const provider = providers[0] as FakeProvider;
    const anne = new Awareness(new Y.Doc());
    anne.setLocalState({ user: { name: 'Anne' } });
    const anneNow = () => encodeAwarenessUpdate(anne, [anne.clientID]);
    applyAwarenessUpdate(provider.awareness, anneNow(), 'ws');
    // What y-websocket does when its socket closes: everyone else is removed, one clock on.
    removeAwarenessStates(provider.awareness, [anne.clientID], provider);
    provider.fire('status', { status: 'disconnected' });
    expect(watcher.state.members).toEqual([]);
    // Reconnected, the server sends who is there, at the clock it knows.
    applyAwarenessUpdate(provider.awareness, anneNow(), 'ws');
    expect(watcher.state.members.map((m) => m.name)).toEqual(['Anne']);
  });

  it('lists who is connected, with or without ourselves', () => {
    const { transport, providers } = fakeTransport();
    const all = new SyncedDoc({ docId: 'w.x', members: 'all' }, transport);
    const others = new SyncedDoc({ docId: 'w.x', members: 'others' }, transport);
    for (const p of providers) p.awareness.setLocalState({ user: { name: 'Anne' } });
    expect(all.state.members.map((m) => m.name)).toEqual(['Anne']);
    expect(others.state.members).toEqual([]);
  });

  it('destroys provider, local copy and document, and ignores what comes after', () => {
    const { transport, providers, locals } = fakeTransport();
    const reads = manualReads();
    const synced = new SyncedDoc(
      { docId: 'b.x', offline: true, read: readTitle, readAfterChange: reads.scheduler },
      transport,
    );
    providers[0]?.fire('sync', true);
    serverSends(synced.state.doc, 'late');
    let changes = 0;
    synced.subscribe(() => changes++);
    synced.destroy();
    expect(providers[0]?.destroyed).toBe(true);
    expect(locals[0]?.destroyed).toBe(true);
    expect(reads.queue).toHaveLength(0);
    providers[0]?.fire('closed', { code: CloseCode.presenceRefused });
    expect(providers).toHaveLength(1);
    expect(changes).toBe(0);
  });

  it('sends none of our changes while read-only, also after reopening, and again once writable', () => {
    const { transport, providers } = fakeTransport();
    const synced = new SyncedDoc({ docId: 'b.x', token: 't', readOnly: true }, transport);
    const first = providers[0] as FakeProvider;
    synced.state.doc.getMap('m').set('title', 'lokal');
    expect(first.sent).toHaveLength(0);
    expect(typeof first.messageHandlers[2]).toBe('function');
    first.fire('closed', { code: CloseCode.presenceRefused });
    const second = providers[1] as FakeProvider;
    synced.state.doc.getMap('m').set('title', 'igjen lokal');
    expect(second.sent).toHaveLength(0);
    synced.setReadOnly(false);
    synced.state.doc.getMap('m').set('title', 'skrevet');
    expect(second.sent).toHaveLength(1);
    synced.destroy();
  });
});

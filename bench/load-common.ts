/**
 * Shared by the load benchmark's orchestrator (`load.ts`) and its client processes
 * (`load-client.ts`): how a headless client connects to each server under test.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { boardDocId, SYNC_PATH } from '@torg/shared';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * `torg`: this server; `yws`: the reference y-websocket server; `hocus`: Hocuspocus 3;
 * `relay`: a bare relay that keeps no document (`peers/bare-relay.mjs`), the floor any server
 * can reach on this machine with this generator (only when named in LOAD_SERVERS).
 */
export type ServerKind = 'torg' | 'yws' | 'hocus' | 'relay';
export const SERVER_KINDS: readonly ServerKind[] = ['torg', 'yws', 'hocus'];
export const SERVER_LABEL: Record<ServerKind, string> = {
  torg: 'Torg',
  yws: 'y-websocket (ref)',
  hocus: 'Hocuspocus 3',
  relay: 'bare relay (floor)',
};

/** Wall-clock time with sub-millisecond resolution (same clock in every process). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Bytes received by every client socket in this process (y-websocket frames, all rooms), and
 * when the last sync step 2 (the server's reply with the document) arrived, before any client
 * code decoded it.
 */
export const received = { bytes: 0, messages: 0, step2At: 0 };

/** `ws`'s WebSocket, counting what it receives. */
class CountingWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      received.messages++;
      received.bytes += Array.isArray(data)
        ? data.reduce((n, b) => n + b.length, 0)
        : data instanceof ArrayBuffer
          ? data.byteLength
          : data.length;
      const head =
        data instanceof ArrayBuffer ? new Uint8Array(data, 0, Math.min(2, data.byteLength)) : data;
      if (!Array.isArray(head) && head[0] === 0 && head[1] === 1) received.step2At = now();
    });
  }
}
const Polyfill = CountingWebSocket as unknown as typeof globalThis.WebSocket;

/**
 * True for an incoming message a light client drops before its provider sees it: document
 * updates (sync message 2) and awareness. The sync handshake still reaches the provider, so it
 * connects and syncs like any client, and it still sends its own edits and cursor moves; the
 * server does exactly the same work for it, the generator only skips decoding. Hocuspocus
 * puts the document name in front of every message.
 */
function dropUnread(data: unknown, named: boolean): boolean {
  if (!(data instanceof ArrayBuffer) && !(data instanceof Uint8Array)) return false;
  const d = decoding.createDecoder(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  if (named) decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  return type === 1 || (type === 0 && decoding.readVarUint(d) === 2);
}

function lightSocket(named: boolean): typeof globalThis.WebSocket {
  type Add = (type: string, listener: (event: { data: unknown }) => void, o?: object) => void;
  class LightWebSocket extends CountingWebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      // Providers listen with `onmessage` (which calls addEventListener) or addEventListener.
      const add = this.addEventListener.bind(this) as Add;
      const filtered: Add = (type, listener, o) =>
        add(
          type,
          type === 'message'
            ? (event) => {
                if (!dropUnread(event.data, named)) listener.call(this, event);
              }
            : listener,
          o,
        );
      (this as unknown as { addEventListener: Add }).addEventListener = filtered;
    }
  }
  return LightWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface LoadConnection {
  awareness: Awareness;
  isSynced(): boolean;
  synced: Promise<void>;
  destroy(): void;
}

/** Opens one client for `boardId` on the server at `port`; `doc` is the client's document. */
export function connect(
  kind: ServerKind,
  port: number,
  boardId: string,
  doc: Y.Doc,
  light = false,
): LoadConnection {
  if (kind === 'hocus') {
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${port}`,
      name: boardId,
      document: doc,
      WebSocketPolyfill: light ? lightSocket(true) : Polyfill,
      quiet: true,
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    const synced = new Promise<void>((resolve) => {
      if (provider.isSynced) resolve();
      provider.on('synced', () => resolve());
    });
    return {
      awareness: provider.awareness as Awareness,
      isSynced: () => provider.isSynced,
      synced,
      destroy: () => provider.destroy(),
    };
  }
  const [base, room] =
    kind === 'torg'
      ? [`ws://127.0.0.1:${port}${SYNC_PATH}`, boardDocId(boardId)]
      : [`ws://127.0.0.1:${port}`, boardId];
  const provider = new WebsocketProvider(base, room, doc, {
    WebSocketPolyfill: light ? lightSocket(false) : Polyfill,
    disableBc: true,
    // Reconnects would hide dropped connections; the benchmark counts deliveries instead.
    maxBackoffTime: 2_500,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (s: boolean) => {
      if (s) resolve();
    });
  });
  return {
    awareness: provider.awareness,
    isSynced: () => provider.synced,
    synced,
    destroy: () => provider.destroy(),
  };
}

/** Parent → client process. */
export type ToClient =
  | {
      type: 'init';
      kind: ServerKind;
      /**
       * One entry per client: the port of the server it connects to, its board, whether it is
       * light (sends, but drops what it receives unread) and how many measuring clients
       * besides itself its board has.
       */
      clients: { port: number; boardId: string; key: string; light: boolean; receivers: number }[];
      stickiesPerClient: number;
      editsPerSec: number;
      cursorsPerSec: number;
    }
  | { type: 'run'; startAt: number; measureFrom: number; measureTo: number }
  | { type: 'collect' }
  | { type: 'close' };

export interface ClientStats {
  editLatencies: number[];
  cursorLatencies: number[];
  /** Edits sent in the window, times the other clients in the sender's room. */
  editsExpected: number;
  editsSent: number;
  cursorsSent: number;
  cursorsExpected: number;
  /** Bytes received during the window. */
  bytesReceived: number;
  /** CPU share of this process during the window (1 = one core). */
  cpu: number;
  /**
   * At the end, after the grace period: each measuring client's board and a digest of what it
   * holds (light clients hold only their own edits).
   */
  boards: { boardId: string; digest: string }[];
}

/** Client process → parent. */
export type FromClient =
  | { type: 'ready'; connectMs: number[]; allConnectedMs: number; rssBytes: number }
  | { type: 'stats'; stats: ClientStats }
  | { type: 'error'; message: string };

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2
    ? (finite[mid] as number)
    : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2;
}

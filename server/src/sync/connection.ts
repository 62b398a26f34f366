import {
  type BoardAccess,
  CloseCode,
  DEFAULT_LIMITS,
  MessageType,
  SyncMessageType,
} from '@torg/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import type { Identity } from '../auth/tokens.js';
import { errorMessage, type Logger } from '../logger.js';
import type { AwarenessEntry } from './awareness-relay.js';
import { vetAwareness } from './awareness-vetting.js';
import type { DocRegistry } from './doc-registry.js';
import { touchesLockedFurniture } from './furniture-guard.js';
import { encodeSyncStep1 } from './messages.js';
import { isRedundant } from './redundant.js';
import { type Room, type RoomMember, remoteOrigin } from './room.js';

/** The part of a WebSocket the sync core uses; the Hono/ws adapter provides it. */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
  /** Bytes queued for sending but not yet handed to the network (ws `bufferedAmount`). */
  readonly bufferedAmount?: number;
  /** Drops the connection without a closing handshake. */
  terminate?(): void;
}

/** Per-connection limits besides the handshake ones; missing fields mean no such limit. */
export interface ConnectionLimits {
  /** A new connection must send its sync step 1 within this time… */
  deadlineMs: number;
  /** …and may send at most this many bytes before it. */
  maxBytes: number;
  /** Close (4408) when more than this many bytes wait unsent as the server sends. */
  maxBufferedBytes?: number;
  /** Token bucket: sustained messages per second and burst size (4429 when empty). */
  messagesPerSecond?: number;
  burst?: number;
}

/** A slow consumer that does not read its close frame is dropped after this long. */
const SLOW_CLOSE_GRACE_MS = 5_000;

/** A protocol violation: closes this connection only, with a code and a reason. */
class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One client on one document, speaking the y-websocket protocol. Messages that arrive while
 * the document loads are queued and handled, in order, once it is ready.
 */
export class SyncConnection implements RoomMember {
  private room: Room | null = null;
  private queue: (Uint8Array | string)[] | null = [];
  /** The stored rows' first sync, offered while the document loads (`offerStoredFirstSync`). */
  private storedFirstSync: readonly Uint8Array[] | null = null;
  /** This client got its first sync from the stored rows: it is owed what changed since. */
  private syncedFromStored = false;
  private closed = false;
  /**
   * The one awareness client id this connection may speak for (its document's client id):
   * the first it announces, bound to it in the room (see `Room.claimAwareness`).
   */
  private ownClientId: number | null = null;
  private lastRefusalNotice = 0;
  private access: BoardAccess;
  /** Until the client's sync step 1 arrives it gets a small byte budget and a deadline. */
  private handshaken = false;
  private preHandshakeBytes = 0;
  private handshakeTimer: NodeJS.Timeout | null = null;
  /** Token bucket of the message rate limit. */
  private tokens: number;
  private tokensAt = Date.now();

  constructor(
    private readonly socket: SocketLike,
    readonly docId: string,
    private readonly registry: DocRegistry,
    private readonly logger: Logger,
    private readonly auth: {
      access: BoardAccess;
      identity: Identity | null;
      /** What others see of this connection in awareness; null keeps the client's own. */
      presence: Record<string, unknown> | null;
    } = { access: 'write', identity: null, presence: null },
    private readonly handshake: ConnectionLimits = {
      deadlineMs: 10_000,
      maxBytes: 64 * 1024,
    },
  ) {
    this.access = auth.access;
    this.tokens = handshake.burst ?? handshake.messagesPerSecond ?? 0;
    this.handshakeTimer = setTimeout(() => {
      if (this.handshaken) return;
      this.logger.warn('sync.no_handshake', { docId: this.docId });
      this.close(CloseCode.policyViolation, 'no sync handshake in time');
    }, handshake.deadlineMs);
    this.handshakeTimer.unref();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  setPresence(presence: Record<string, unknown>): void {
    this.auth.presence = presence;
  }

  get participantId(): string | null {
    return this.auth.identity?.participantId ?? null;
  }

  get identity(): Identity {
    if (!this.auth.identity) throw new Error('anonymous connection');
    return this.auth.identity;
  }

  /** Rights changed (a lock, a group move): effective for the very next message. */
  setAccess(access: BoardAccess): void {
    if (access === this.access) return;
    this.access = access;
    this.logger.info('sync.access_changed', { docId: this.docId, access });
    if (access === 'read') this.noticeReadOnly(true);
  }

  /** Tells the client (y-protocols auth message) that it may not write here. */
  private noticeReadOnly(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastRefusalNotice < 2000) return;
    this.lastRefusalNotice = now;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.auth);
    authProtocol.writePermissionDenied(e, 'read-only');
    this.send(encoding.toUint8Array(e));
  }

  async start(): Promise<void> {
    let room: Room;
    try {
      const loading = this.registry.acquire(this.docId);
      void this.registry.storedFirstSync(this.docId)?.then((messages) => {
        if (messages) this.offerStoredFirstSync(messages);
      });
      room = await loading;
    } catch (err) {
      this.logger.error('sync.load_failed', { docId: this.docId, error: errorMessage(err) });
      this.close(CloseCode.internalError, 'document could not be loaded');
      return;
    }
    if (this.closed) {
      this.registry.release(room);
      return;
    }
    this.room = room;
    room.members.add(this);
    this.send(encodeSyncStep1(room.doc));
    if (this.syncedFromStored) {
      const changes = room.changesSinceLoad();
      if (changes) this.send(changes);
    }
    if (this.access === 'read') this.noticeReadOnly(true);
    const present = room.awareness.present();
    if (present.length > 0) this.send(room.awareness.encode(present));
    const queued = this.queue ?? [];
    this.queue = null;
    for (const data of queued) this.receive(data);
  }

  /**
   * The document's stored rows were read and can be its first sync (see
   * `DocRegistry.storedFirstSync`): a client that has nothing gets them now, while the room is
   * still being built, instead of after.
   */
  private offerStoredFirstSync(messages: readonly Uint8Array[]): void {
    if (!this.queue) return;
    this.storedFirstSync = messages;
    const waiting = this.queue.findIndex(isFirstSyncRequest);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      this.sendStoredFirstSync();
    }
  }

  private sendStoredFirstSync(): void {
    for (const message of this.storedFirstSync ?? []) this.send(message);
    this.storedFirstSync = null;
    this.syncedFromStored = true;
  }

  send(message: Uint8Array): void {
    if (this.closed || !this.socket.isOpen) return;
    const max = this.handshake.maxBufferedBytes;
    const buffered = this.socket.bufferedAmount ?? 0;
    if (max !== undefined && buffered > max) {
      // Every further message would pile up in server memory: cut this client only.
      this.logger.warn('sync.slow_consumer', { docId: this.docId, bufferedBytes: buffered });
      this.close(CloseCode.tooSlow, 'too slow: the connection does not keep up');
      // The close frame waits behind the unsent bytes; a client that never reads them must
      // not hold that memory until ws gives up on the closing handshake.
      const terminate = this.socket.terminate?.bind(this.socket);
      if (terminate) setTimeout(terminate, SLOW_CLOSE_GRACE_MS).unref();
      return;
    }
    this.registry.metrics.syncSent(message.length);
    this.socket.send(message);
  }

  /** Takes one token from the rate-limit bucket; false when it is empty. */
  private withinRate(): boolean {
    const rate = this.handshake.messagesPerSecond;
    if (rate === undefined) return true;
    const burst = this.handshake.burst ?? rate;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) / 1000) * rate);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** One WebSocket message: its bytes, or the text of a text frame (refused). */
  receive(data: Uint8Array | string): void {
    if (this.closed) return;
    if (!this.withinRate()) {
      this.logger.warn('sync.rate_limited', {
        docId: this.docId,
        participantId: this.participantId,
        perSecond: this.handshake.messagesPerSecond,
        burst: this.handshake.burst,
      });
      this.registry.metrics.rateLimited('sync-messages');
      this.close(CloseCode.rateLimited, 'too many messages: slow down');
      return;
    }
    if (!this.handshaken) {
      this.preHandshakeBytes += data.length;
      if (this.preHandshakeBytes > this.handshake.maxBytes) {
        this.logger.warn('sync.handshake_budget', { docId: this.docId });
        this.close(CloseCode.policyViolation, 'too much data before the sync handshake');
        return;
      }
      // Sync step 1 (message type 0, sub-type 0) opens the session, even while it waits in
      // the queue for the document to load.
      if (
        typeof data !== 'string' &&
        data[0] === MessageType.sync &&
        data[1] === SyncMessageType.step1
      )
        this.handshaken = true;
    }
    if (this.queue) {
      if (this.storedFirstSync && isFirstSyncRequest(data)) {
        this.sendStoredFirstSync();
        return;
      }
      // A well-behaved client sends two messages before the first reply; a flood is refused.
      if (this.queue.length >= DEFAULT_LIMITS.maxQueuedMessages) {
        this.logger.warn('sync.queue_overflow', { docId: this.docId });
        this.close(CloseCode.policyViolation, 'too many messages before the document loaded');
        return;
      }
      this.queue.push(data);
      return;
    }
    try {
      if (typeof data === 'string') {
        throw new ProtocolError(CloseCode.textFrame, 'text frames are not part of the protocol');
      }
      this.handle(data);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.malformedMessage;
      const reason = err instanceof ProtocolError ? err.message : 'malformed message';
      this.logger.warn('sync.bad_message', {
        docId: this.docId,
        code,
        reason,
        detail: errorMessage(err),
      });
      this.close(code, reason);
    }
  }

  private handle(bytes: Uint8Array): void {
    const room = this.room;
    if (!room) return;
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        this.handleSync(room, decoder);
        return;
      case MessageType.awareness: {
        const vetted = vetAwareness(room, this, decoding.readVarUint8Array(decoder), {
          ownClientId: this.ownClientId,
          stamp: this.auth.presence,
        });
        if (vetted.refused) {
          const { entry, knownClock, reason } = vetted.refused;
          this.refusePresence(entry, knownClock, reason);
          return;
        }
        this.ownClientId = vetted.ownClientId;
        // A reconnecting client's own id the server removed when its old connection ended:
        // told of that removal, a y-protocols client re-announces at a clock above it, and its
        // cursor is seen again at once.
        if (vetted.removed.length > 0) this.send(room.awareness.encode(vetted.removed));
        const entries = vetted.entries;
        if (entries.length > 0) room.applyAwareness(entries, this);
        return;
      }
      case MessageType.queryAwareness:
        this.send(room.awareness.encode(room.awareness.present()));
        return;
      default:
        throw new ProtocolError(CloseCode.unknownMessageType, `unknown message type ${type}`);
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    switch (sub) {
      case SyncMessageType.step1: {
        for (const message of room.syncStep2(decoding.readVarUint8Array(decoder)))
          this.send(message);
        return;
      }
      case SyncMessageType.step2:
      case SyncMessageType.update: {
        const update = decoding.readVarUint8Array(decoder);
        // Parse fully before applying: bytes that do not decode never touch the document,
        // and storage only ever sees what Yjs re-encodes from an applied transaction.
        Y.decodeUpdate(update);
        if (this.access !== 'write') {
          // Nothing new (an up-to-date client's sync reply, or a replay of its local copy):
          // that is no write.
          if (isRedundant(room.doc, update)) return;
          // Never applied, relayed or stored. The connection is closed: later updates of
          // this client would depend on the refused ones, so it must start again from the
          // server's state (the y-websocket client does not reconnect after a 44xx close).
          this.logger.warn('sync.write_refused', { docId: this.docId, bytes: update.length });
          this.registry.metrics.writeRefused('read-only');
          this.noticeReadOnly(true);
          this.close(CloseCode.readOnly, 'read-only: your changes were not accepted');
          return;
        }
        if (this.mayNotTouchFurniture() && touchesLockedFurniture(room.doc, update)) {
          // A template's locked titles and labels are the facilitator's; our client never
          // offers them to anyone else. Refused whole, like a read-only write.
          this.logger.warn('sync.furniture_refused', { docId: this.docId, bytes: update.length });
          this.registry.metrics.writeRefused('locked-furniture');
          this.close(
            CloseCode.readOnly,
            'locked template furniture: your changes were not accepted',
          );
          return;
        }
        Y.applyUpdate(room.doc, update, remoteOrigin(this));
        return;
      }
      default:
        throw new ProtocolError(CloseCode.unknownMessageType, `unknown sync message type ${sub}`);
    }
  }

  /** Anyone on a workshop board but its facilitators (open scratch boards have no template). */
  private mayNotTouchFurniture(): boolean {
    const role = this.auth.identity?.role;
    return role !== undefined && role !== 'facilitator';
  }

  /** Logs and closes: the update is not applied and nothing of it is relayed. */
  private refusePresence(entry: AwarenessEntry, knownClock: number, reason: string): void {
    this.logger.warn('sync.presence_refused', {
      docId: this.docId,
      participantId: this.participantId,
      clientId: entry.clientId,
      ownClientId: this.ownClientId,
      clock: entry.clock,
      knownClock,
      reason,
    });
    this.close(CloseCode.presenceRefused, reason);
  }

  close(code: number, reason: string): void {
    if (!this.closed && this.socket.isOpen) this.socket.close(code, reason);
    this.onClosed();
  }

  /** Called when the socket has closed, for whatever reason. */
  onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    this.storedFirstSync = null;
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    const room = this.room;
    if (!room) return;
    room.members.delete(this);
    // Its presence becomes a removal for everyone (unless its participant took it over), and
    // an anonymous connection's id is free again.
    if (this.ownClientId !== null) room.leaveAwareness(this, [this.ownClientId]);
    this.registry.release(room);
  }
}

/** A sync step 1 with an empty state vector: a client that has nothing of the document yet. */
function isFirstSyncRequest(data: Uint8Array | string): boolean {
  if (typeof data === 'string') return false;
  try {
    const decoder = decoding.createDecoder(data);
    return (
      decoding.readVarUint(decoder) === MessageType.sync &&
      decoding.readVarUint(decoder) === SyncMessageType.step1 &&
      Y.decodeStateVector(decoding.readVarUint8Array(decoder)).size === 0
    );
  } catch {
    // Not a well-formed step 1: it waits in the queue, and is refused there.
    return false;
  }
}

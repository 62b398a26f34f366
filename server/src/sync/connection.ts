import { CloseCode, DEFAULT_LIMITS, MessageType, SyncMessageType } from '@torg/shared';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { errorMessage, type Logger } from '../logger.js';
import type { DocRegistry } from './doc-registry.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2 } from './messages.js';
import { type Room, type RoomMember, remoteOrigin } from './room.js';

/** The part of a WebSocket the sync core uses; the Hono/ws adapter provides it. */
export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}

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
  private queue: (ArrayBuffer | string)[] | null = [];
  private closed = false;
  /** Awareness client ids this connection has announced (removed when it leaves). */
  private readonly awarenessIds = new Set<number>();

  constructor(
    private readonly socket: SocketLike,
    readonly docId: string,
    private readonly registry: DocRegistry,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    let room: Room;
    try {
      room = await this.registry.acquire(this.docId);
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
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) this.send(encodeAwareness(room.awareness, states));
    const queued = this.queue ?? [];
    this.queue = null;
    for (const data of queued) this.receive(data);
  }

  send(message: Uint8Array): void {
    if (this.socket.isOpen) this.socket.send(message);
  }

  receive(data: ArrayBuffer | string): void {
    if (this.closed) return;
    if (this.queue) {
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
      this.handle(new Uint8Array(data));
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
        const update = decoding.readVarUint8Array(decoder);
        this.trackAwareness(update);
        awarenessProtocol.applyAwarenessUpdate(room.awareness, update, this);
        return;
      }
      case MessageType.queryAwareness:
        this.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
        return;
      default:
        throw new ProtocolError(CloseCode.unknownMessageType, `unknown message type ${type}`);
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    switch (sub) {
      case SyncMessageType.step1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        Y.decodeStateVector(stateVector);
        this.send(encodeSyncStep2(room.doc, stateVector));
        return;
      }
      case SyncMessageType.step2:
      case SyncMessageType.update: {
        const update = decoding.readVarUint8Array(decoder);
        // Parse fully before applying: bytes that do not decode never touch the document,
        // and storage only ever sees what Yjs re-encodes from an applied transaction.
        Y.decodeUpdate(update);
        Y.applyUpdate(room.doc, update, remoteOrigin(this));
        return;
      }
      default:
        throw new ProtocolError(CloseCode.unknownMessageType, `unknown sync message type ${sub}`);
    }
  }

  /** Records which awareness client ids this connection sets or removes. */
  private trackAwareness(update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder); // clock
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
      if (state === null) this.awarenessIds.delete(clientId);
      else this.awarenessIds.add(clientId);
    }
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
    const room = this.room;
    if (!room) return;
    room.members.delete(this);
    if (this.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...this.awarenessIds], null);
    }
    this.registry.release(room);
  }
}

import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { errorMessage, type Logger } from '../logger.js';
import { type Metrics, NO_METRICS } from '../metrics/metrics.js';

/** What servers tell each other about a document. */
export type BusMessage =
  /** A Yjs update applied on the sending server (from its clients or its own writes). */
  | { type: 'update'; data: Uint8Array }
  /** Awareness entries (y-protocols awareness update format) of the sender's clients. */
  | { type: 'awareness'; data: Uint8Array }
  /** The sender's state vector: whoever has more answers with an update (gap healing). */
  | { type: 'state'; data: Uint8Array };

const TYPES = ['update', 'awareness', 'state'] as const;

export interface ClusterBus {
  /** This server's id, stamped on what it publishes (its own messages are not handed back). */
  readonly serverId: string;
  /** Listens to a document's messages from other servers; resolves once subscribed. */
  join(docId: string, handler: (message: BusMessage, from: string) => void): Promise<void>;
  leave(docId: string): void;
  publish(docId: string, message: BusMessage): void;
  /** Called after the connection to the bus came back (messages may have been missed). */
  onReconnect(fn: () => void): void;
  /** Server-wide news (a workshop was deleted, its participants signed out) to every other server. */
  publishControl(message: ControlMessage): void;
  onControl(fn: (message: ControlMessage) => void): void;
  close(): Promise<void>;
}

/** News for every server, not tied to one loaded document. */
export type ControlMessage =
  | { type: 'workshop-deleted'; workshopId: string; boardIds: string[] }
  /** The facilitator signed out everyone who joined: close their connections here too. */
  | { type: 'workshop-signed-out'; workshopId: string };

const CONTROL = 'torg:control';
const channelOf = (docId: string) => `torg:doc:${docId}`;
const DOC_OF = /^torg:doc:(.+)$/;

/**
 * The sender's id, the message, and when it was sent (ms since 1970, the sender's clock: the
 * bus lag metric). The time comes last, so a server of the version before it, during a
 * rolling upgrade, reads the rest and ignores it, and this one reads their messages too.
 */
function encodeMessage(serverId: string, m: BusMessage): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, serverId);
  encoding.writeVarUint(e, TYPES.indexOf(m.type));
  encoding.writeVarUint8Array(e, m.data);
  encoding.writeFloat64(e, Date.now());
  return Buffer.from(encoding.toUint8Array(e));
}

function decodeMessage(buf: Uint8Array): {
  from: string;
  message: BusMessage;
  sentAt: number | null;
} {
  const d = decoding.createDecoder(buf);
  const from = decoding.readVarString(d);
  const type = TYPES[decoding.readVarUint(d)];
  if (!type) throw new Error('unknown bus message type');
  const data = decoding.readVarUint8Array(d);
  const sentAt = decoding.hasContent(d) ? decoding.readFloat64(d) : null;
  return { from, message: { type, data }, sentAt };
}

/**
 * Fan-out between Torg servers through Redis pub/sub: one channel per loaded document. Redis
 * does not keep messages for a subscriber that is away, so whoever uses it must heal gaps
 * (`onReconnect`, and the periodic state exchange in `DocRegistry`).
 */
export class RedisBus implements ClusterBus {
  readonly serverId = crypto.randomBytes(6).toString('base64url');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, (message: BusMessage, from: string) => void>();
  private readonly reconnectHooks: (() => void)[] = [];
  private readonly controlHooks: ((message: ControlMessage) => void)[] = [];
  private wasReady = false;
  private lost = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly metrics: Metrics = NO_METRICS,
  ) {
    const options = {
      // Commands wait for the connection instead of failing while Redis restarts.
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(50 * times, 1_000),
      lazyConnect: true,
    };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const [name, client] of [
      ['pub', this.pub],
      ['sub', this.sub],
    ] as const) {
      client.on('error', (err: Error) => {
        if (!this.lost)
          this.logger.warn('cluster.redis_error', { client: name, error: errorMessage(err) });
        this.lost = true;
      });
    }
    this.sub.on('ready', () => {
      // ioredis subscribes again by itself; what was published meanwhile is gone.
      if (this.wasReady) {
        this.logger.info('cluster.redis_reconnected', {});
        this.lost = false;
        for (const fn of this.reconnectHooks) fn();
      }
      this.wasReady = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      if (channel.toString() === CONTROL) {
        this.control(payload.toString());
        return;
      }
      const docId = DOC_OF.exec(channel.toString())?.[1];
      const handler = docId ? this.handlers.get(docId) : undefined;
      if (!handler) return;
      try {
        const { from, message, sentAt } = decodeMessage(payload);
        if (from === this.serverId) return;
        if (sentAt !== null) this.metrics.busDelivered((Date.now() - sentAt) / 1000);
        handler(message, from);
      } catch (err) {
        this.logger.warn('cluster.bad_message', { docId, error: errorMessage(err) });
      }
    });
  }

  /** Connects both Redis clients; fails if Redis cannot be reached at start. */
  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    await this.sub.subscribe(CONTROL);
  }

  private control(text: string): void {
    try {
      const { from, message } = JSON.parse(text) as { from: string; message: ControlMessage };
      if (from === this.serverId) return;
      for (const fn of this.controlHooks) fn(message);
    } catch (err) {
      this.logger.warn('cluster.bad_control', { error: errorMessage(err) });
    }
  }

  publishControl(message: ControlMessage): void {
    this.pub.publish(CONTROL, JSON.stringify({ from: this.serverId, message })).catch((err) => {
      this.logger.warn('cluster.publish_failed', { channel: CONTROL, error: errorMessage(err) });
    });
  }

  onControl(fn: (message: ControlMessage) => void): void {
    this.controlHooks.push(fn);
  }

  async join(docId: string, handler: (message: BusMessage, from: string) => void): Promise<void> {
    this.handlers.set(docId, handler);
    await this.sub.subscribe(channelOf(docId));
  }

  leave(docId: string): void {
    this.handlers.delete(docId);
    this.sub.unsubscribe(channelOf(docId)).catch(() => undefined);
  }

  publish(docId: string, message: BusMessage): void {
    this.pub.publish(channelOf(docId), encodeMessage(this.serverId, message)).catch((err) => {
      this.logger.warn('cluster.publish_failed', { docId, error: errorMessage(err) });
    });
  }

  onReconnect(fn: () => void): void {
    this.reconnectHooks.push(fn);
  }

  /** The Redis client for commands (locks). */
  get commands(): Redis {
    return this.pub;
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

/**
 * Wire protocol constants. The sync protocol is the standard y-websocket one
 * (y-protocols sync + awareness), so the numbers below match y-websocket's.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types inside a `sync` message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/**
 * WebSocket close codes the server uses. 1000–1015 are the standard ones; 4000–4999 are
 * ours, each paired with a human-readable reason in the close frame.
 *
 * - 1008: no sync handshake in time, too much data before it, or a flood while loading.
 * - 1009: a message over the size limit.
 * - 4408 (`tooSlow`): the client did not read what the server sent; more than the
 *   configured number of bytes (default 8 MiB) waited unsent for it.
 * - 4409 (`presenceRefused`): an awareness entry for a client id bound to another
 *   connection, or with a clock far ahead of the room's (see `server/src/sync/awareness-owners.ts`).
 * - 4429 (`rateLimited`): the client sent more messages per second than its budget allows
 *   (stricter for connections without an identity, i.e. open scratch boards).
 */
export const CloseCode = {
  normal: 1000,
  /**
   * The server is stopping (a restart or a scale-down) and has stored everything: reconnect,
   * through the load balancer to another server (y-websocket does, at once).
   */
  serviceRestart: 1012,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  malformedMessage: 4400,
  unknownMessageType: 4401,
  textFrame: 4402,
  /**
   * A write from a connection that may only read, or a participant's change to a template's
   * locked furniture; its changes were not accepted.
   */
  readOnly: 4403,
  /** The document's workshop was deleted. */
  deleted: 4404,
  /** A slow consumer: too many bytes waited unsent for this connection. */
  tooSlow: 4408,
  /**
   * Presence (awareness) refused: the connection claimed a client id another connection
   * speaks for, or a clock far ahead of the room's. Nothing of it was applied or relayed.
   */
  presenceRefused: 4409,
  /**
   * The connection's token was revoked: the facilitator made new codes and signed out everyone
   * who had joined. Reconnecting with the same token is refused (401); join again.
   */
  signedOut: 4410,
  /** Too many messages per second from this connection. */
  rateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const DEFAULT_LIMITS = {
  /** Largest WebSocket message the server accepts, in bytes. */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Messages a connection may send while its document is still loading. */
  maxQueuedMessages: 64,
  /** Awareness changes of a room are gathered and sent as one message per tick of this long. */
  awarenessTickMs: 50,
  /** A connection with more than this many bytes waiting unsent is closed (4408). */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** Sustained messages per second a connection with an identity may send (4429 above). */
  maxMessagesPerSecond: 200,
  /** Messages it may send at once before the sustained rate applies. */
  messageBurst: 400,
  /** The same for connections without an identity (open scratch boards): stricter. */
  anonymousMessagesPerSecond: 100,
  anonymousMessageBurst: 200,
  /** Simultaneous sync connections per participant (or per IP address when anonymous). */
  maxConnectionsPerClient: 32,
} as const;

/** Path prefix of the WebSocket sync endpoint: `/sync/<docId>`. */
export const SYNC_PATH = '/sync';

/**
 * WebSocket subprotocols of the sync endpoint. Our client sends its token as
 * `[SYNC_SUBPROTOCOL, SYNC_TOKEN_PROTOCOL_PREFIX + token]` instead of `?token=`, so the token
 * is in no URL the browser prints (connection errors, y-websocket's warnings). The server
 * answers with the plain `SYNC_SUBPROTOCOL`, never the token; `?token=` keeps working for
 * other y-websocket clients and scripts.
 */
export const SYNC_SUBPROTOCOL = 'torg';
export const SYNC_TOKEN_PROTOCOL_PREFIX = 'torg.token.';

/** The subprotocols our client offers for `token` (none without one). */
export function syncProtocols(token: string | null): string[] {
  return token ? [SYNC_SUBPROTOCOL, `${SYNC_TOKEN_PROTOCOL_PREFIX}${token}`] : [];
}

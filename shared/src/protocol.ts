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
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  malformedMessage: 4400,
  unknownMessageType: 4401,
  textFrame: 4402,
  /** A write from a connection that may only read; its changes were not accepted. */
  readOnly: 4403,
  /** The document's workshop was deleted. */
  deleted: 4404,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const DEFAULT_LIMITS = {
  /** Largest WebSocket message the server accepts, in bytes. */
  maxMessageBytes: 2 * 1024 * 1024,
  /** Messages a connection may send while its document is still loading. */
  maxQueuedMessages: 64,
} as const;

/** Path prefix of the WebSocket sync endpoint: `/sync/<docId>`. */
export const SYNC_PATH = '/sync';

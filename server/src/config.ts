import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '@torg/shared';
import type { OidcSettings } from './accounts/oidc.js';
import type { Logger } from './logger.js';
import { consoleLogger } from './logger.js';
import type { RateLimits } from './security/budgets.js';
import type { Storage } from './storage/storage.js';

/** Everything a server instance needs; tests build several with different values. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Folder for the SQLite file (created if missing). Ignored when `storage` is given. */
  dataDir: string;
  /** Built client to serve (index.html + assets); null serves the API only. */
  staticDir: string | null;
  limits: {
    /** Largest WebSocket message accepted; larger ones close the connection with 1009. */
    maxMessageBytes: number;
    /** A new connection must send its sync step 1 within this time… */
    handshakeMs?: number;
    /** …and may send at most this many bytes before it. */
    preHandshakeBytes?: number;
    /**
     * Largest uploaded image; larger uploads are refused with 413 before more is read.
     * Optional so a config that sets only other limits stays valid; missing means
     * `DEFAULT_MAX_IMAGE_BYTES`.
     */
    maxImageBytes?: number;
    /**
     * Largest width × height of an uploaded or imported image, by its header and again by
     * the decoder (413 `too_many_pixels` above it); missing means `DEFAULT_MAX_IMAGE_PIXELS`.
     */
    maxImagePixels?: number;
    /** Largest backup accepted by the import (413 above it); missing means 200 MB. */
    maxImportBytes?: number;
    /**
     * Largest body of every other request under /api and /auth (413 above it, refused by its
     * Content-Length before any byte is read); missing means `DEFAULT_MAX_JSON_BYTES`.
     */
    maxJsonBytes?: number;
    /**
     * Awareness (cursors, selections) of a room is gathered and sent to its members as one
     * message per tick of this many ms. Document changes are never delayed. Default 50.
     */
    awarenessTickMs?: number;
    /**
     * A connection that has more than this many bytes waiting unsent when the server wants to
     * send to it is closed with 4408 (slow consumer). Default 8 MiB.
     */
    maxBufferedBytes?: number;
    /** Token bucket per connection with an identity: sustained messages/s (4429 above it)… */
    maxMessagesPerSecond?: number;
    /** …and how many it may send at once. Defaults 200/s, burst 400. */
    messageBurst?: number;
    /** The same for connections without an identity (open boards). Defaults 100/s, 200. */
    anonymousMessagesPerSecond?: number;
    anonymousMessageBurst?: number;
    /**
     * Simultaneous sync connections per participant (token), or per remote IP address for
     * connections without a token; the next upgrade is refused with 429. Default 32.
     */
    maxConnectionsPerClient?: number;
    /**
     * People (participants, observers, facilitators) one workshop may hold; a join beyond it is
     * 409 `workshop_full`, so a leaked code cannot bloat the workshop document every member
     * loads. Default 1,000 (a gathering is up to a few hundred).
     */
    maxPeoplePerWorkshop?: number;
  };
  persistence: {
    /** Group-commit tick: updates are written to storage at most this long after arrival. */
    flushIntervalMs: number;
    /** A document's log is compacted into one snapshot after this many appended batches. */
    compactAfterUpdates: number;
    /** A document with no connections is unloaded (compacted, freed) after this long. */
    unloadGraceMs: number;
  };
  /** Keep-alive: a connection that misses a pong for this long is dropped. */
  pingIntervalMs: number;
  logger: Logger;
  /**
   * PostgreSQL connection URL (`postgres://user:password@host:5432/torg`). Set, the server
   * stores in PostgreSQL instead of the SQLite file, so several servers can share one
   * database; null (default) keeps the embedded SQLite file. Ignored when `storage` is given.
   */
  databaseUrl: string | null;
  /**
   * Redis URL (`redis://host:6379`). Set, together with `databaseUrl`, the server runs as one
   * of several behind a load balancer: document changes, cursors and workshop news travel
   * between the servers through Redis pub/sub, and commands lock across them. Null (default):
   * a single server.
   */
  redisUrl: string | null;
  /** A ready storage implementation; by default PostgreSQL or a SQLite file in `dataDir`. */
  storage?: Storage;
  /**
   * HMAC secret for participant tokens. Default: `TORG_SECRET`, else a random secret kept in
   * `<dataDir>/secret` (created on first start), or with PostgreSQL in the database, shared
   * by every server on it.
   */
  secret?: string;
  /**
   * Origins allowed to open WebSockets and send state-changing requests (e.g.
   * `https://torg.kommune.no`). Empty: the request's own host (same-origin) only.
   */
  publicUrls: string[];
  /**
   * The job that deletes workshops past their retention time: how often it runs (default
   * hourly, and once at start) and its clock (tests move it). See `workshops/retention.ts`.
   */
  retention?: { intervalMs?: number; now?: () => number };
  /**
   * The administrator token (`TORG_ADMIN_TOKEN`, at least 32 characters): with
   * `Authorization: Bearer <it>`, scripts create and import gatherings and make facilitator
   * invites. Null or missing: none.
   */
  adminToken?: string | null;
  /**
   * Open scratch boards (`TORG_OPEN_BOARDS=1`): any board id that belongs to no workshop is a
   * board anyone with the link may use, without a token. Off (the default), such an id is 404,
   * so strangers cannot store anything; a deleted workshop's ids stay dead either way.
   */
  openBoards?: boolean;
  /** Sign-in of facilitators through the organisation's identity provider; null: none. */
  oidc?: OidcSettings | null;
  /**
   * Reverse proxies in front of the server whose `X-Forwarded-For` is believed
   * (`TORG_TRUST_PROXY`): the client's address is the entry this many places from the right.
   * Missing or 0: the header is ignored and the socket address counts (`security/client-address.ts`).
   */
  trustProxy?: number;
  /** Per-address request budgets; each missing rule keeps its default (`security/budgets.ts`). */
  rateLimits?: Partial<RateLimits>;
  /**
   * Export threads (`TORG_EXPORT_THREADS`): how many exports render at once, off the event
   * loop; missing means all cores but one, 1 to 4 (`export/render-pool.ts`).
   */
  exportThreads?: number;
  /**
   * Metrics for Prometheus on `/metrics` (`metrics/`); null or missing: off. With `port`, on a
   * port of their own at `host` (the public port answers 404); else on the public port, where
   * `token` is required. A token set is required on the metrics port too.
   */
  metrics?: MetricsSettings | null;
}

export interface MetricsSettings {
  /** `TORG_METRICS_TOKEN`: `Authorization: Bearer <it>`, at least 32 characters. */
  token: string | null;
  /** `TORG_METRICS_PORT`: serve them on this port instead (0: any free one; tests). */
  port: number | null;
  /** `TORG_METRICS_HOST`: the metrics port's interface. */
  host: string;
}

/** Like the administrator token: long enough that guessing it is hopeless. */
export const MIN_METRICS_TOKEN_LENGTH = 32;

/** People one workshop may hold (see `limits.maxPeoplePerWorkshop`). */
export const DEFAULT_MAX_PEOPLE_PER_WORKSHOP = 1000;

/** A phone photo of a flipchart is a few MiB; this leaves room without inviting abuse. */
export const DEFAULT_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** 40 million pixels: any phone camera (a 48 MP sensor saves 12 MP by default) and more. */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATIC_DIR = path.resolve(here, '../../client/dist');

/** Every JSON body of the API is far smaller; 64 KiB leaves room without inviting abuse. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024;

/** Largest backup the import takes when not configured: 200 MB. */
export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 8787,
    host: '0.0.0.0',
    dataDir: './data',
    databaseUrl: null,
    redisUrl: null,
    staticDir: DEFAULT_STATIC_DIR,
    persistence: { flushIntervalMs: 25, compactAfterUpdates: 500, unloadGraceMs: 30_000 },
    pingIntervalMs: 30_000,
    logger: consoleLogger,
    publicUrls: [],
    ...overrides,
    // Merged rather than replaced: overriding one limit keeps the defaults of the others.
    limits: {
      maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
      maxImageBytes: DEFAULT_MAX_IMAGE_BYTES,
      maxImagePixels: DEFAULT_MAX_IMAGE_PIXELS,
      maxImportBytes: DEFAULT_MAX_IMPORT_BYTES,
      maxJsonBytes: DEFAULT_MAX_JSON_BYTES,
      awarenessTickMs: DEFAULT_LIMITS.awarenessTickMs,
      maxBufferedBytes: DEFAULT_LIMITS.maxBufferedBytes,
      maxMessagesPerSecond: DEFAULT_LIMITS.maxMessagesPerSecond,
      messageBurst: DEFAULT_LIMITS.messageBurst,
      anonymousMessagesPerSecond: DEFAULT_LIMITS.anonymousMessagesPerSecond,
      anonymousMessageBurst: DEFAULT_LIMITS.anonymousMessageBurst,
      maxConnectionsPerClient: DEFAULT_LIMITS.maxConnectionsPerClient,
      maxPeoplePerWorkshop: DEFAULT_MAX_PEOPLE_PER_WORKSHOP,
      ...overrides.limits,
    },
  };
}

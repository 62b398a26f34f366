import type { IncomingMessage } from 'node:http';
import { CloseCode, DEFAULT_LIMITS, parseDocId } from '@torg/shared';
import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { ServerConfig } from '../config.js';
import { CommandError } from '../errors.js';
import { errorMessage, type Logger } from '../logger.js';
import { clientAddress } from '../security/client-address.js';
import { SyncConnection } from '../sync/connection.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { tokenFromProtocols } from '../sync/subprotocol.js';
import type { Authorization, WorkshopService } from '../workshops/service.js';
import { originAllowed } from './middleware.js';

export interface SyncRouteDeps {
  registry: DocRegistry;
  service: WorkshopService;
  publicUrls: readonly string[];
  limits: ServerConfig['limits'];
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  logger: Logger;
  connections: Set<SyncConnection>;
  pingIntervalMs: number;
  /** Reverse proxies whose X-Forwarded-For is believed (see `security/client-address.ts`). */
  trustProxy?: number;
}

/**
 * `GET /sync/:docId[?token=…]` — the y-websocket endpoint (the token also as the subprotocol
 * `torg.token.<token>`, see `sync/subprotocol.ts`). Invalid ids, foreign origins and
 * missing or wrong tokens are refused before upgrading; what the connection may do is decided
 * here and kept up to date by the workshop service. A client (participant, or remote address
 * without a token) over its connection cap is refused with 429 `too_many_connections`; each
 * connection gets a message budget (stricter without an identity) and a send-buffer cap.
 */
export function syncRoutes(deps: SyncRouteDeps): Hono<{ Variables: { authz: Authorization } }> {
  const { registry, upgradeWebSocket, logger, connections, service, limits } = deps;
  const maxPerClient = limits.maxConnectionsPerClient ?? DEFAULT_LIMITS.maxConnectionsPerClient;
  /**
   * Open (or opening) sync connections per client: a participant, or a remote address for
   * connections without a token. A slot is taken before the upgrade and given back when the
   * TCP connection closes, whether or not the upgrade completed.
   */
  const perClient = new Map<string, number>();
  return new Hono<{ Variables: { authz: Authorization } }>().get(
    '/:docId',
    async (c, next) => {
      const docId = c.req.param('docId');
      if (!parseDocId(docId)) {
        logger.warn('sync.invalid_doc_id', { docId: docId.slice(0, 80) });
        return c.json({ error: 'invalid_doc_id', message: 'invalid document id' }, 400);
      }
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'upgrade_required', message: 'WebSocket upgrade expected' }, 426);
      }
      if (!originAllowed(c, deps.publicUrls)) {
        logger.warn('sync.bad_origin', { docId });
        return c.json(
          { error: 'bad_origin', message: 'connections from this origin are not allowed' },
          403,
        );
      }
      // The token is never logged. Our client offers it as a subprotocol (no URL shows it);
      // other y-websocket clients and scripts send `?token=`.
      const token =
        tokenFromProtocols(c.req.header('sec-websocket-protocol')) ?? c.req.query('token') ?? null;
      const authz = await service.access.authorize(docId, token);
      if (authz instanceof CommandError) {
        logger.warn('sync.refused', { docId, status: authz.status, error: authz.code });
        return c.json({ error: authz.code, message: authz.message }, authz.status);
      }
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const client = authz.identity
        ? `participant:${authz.identity.workshopId}/${authz.identity.participantId}`
        : `address:${clientAddress(c, deps.trustProxy ?? 0)}`;
      const open = perClient.get(client) ?? 0;
      if (open >= maxPerClient) {
        registry.metrics.rateLimited('sync-connections');
        logger.warn('sync.too_many_connections', {
          docId,
          participantId: authz.identity?.participantId ?? null,
          open,
          max: maxPerClient,
        });
        return c.json(
          {
            error: 'too_many_connections',
            message: `at most ${maxPerClient} simultaneous connections per client`,
          },
          429,
        );
      }
      perClient.set(client, open + 1);
      const release = () => {
        const n = (perClient.get(client) ?? 1) - 1;
        if (n > 0) perClient.set(client, n);
        else perClient.delete(client);
      };
      if (incoming && !incoming.socket.destroyed) incoming.socket.once('close', release);
      else release();
      c.set('authz', authz);
      await next();
    },
    upgradeWebSocket((c) => {
      const docId = c.req.param('docId') ?? '';
      const authz = c.get('authz');
      let conn: SyncConnection | null = null;
      let ungovern: (() => void) | null = null;
      let alive = true;
      let ping: NodeJS.Timeout | null = null;
      const deliver = (data: unknown) => {
        if (typeof data === 'string' || data instanceof Uint8Array) {
          registry.metrics.syncReceived(data.length);
          conn?.receive(data);
        } else conn?.close(CloseCode.malformedMessage, 'unsupported frame');
      };
      return {
        onOpen(_evt, ws: WSContext<WebSocket>) {
          const raw = ws.raw;
          if (!raw) return;
          conn = new SyncConnection(
            {
              send: (data) => raw.send(data),
              close: (code, reason) => raw.close(code, reason),
              get isOpen() {
                return raw.readyState === raw.OPEN;
              },
              get bufferedAmount() {
                return raw.bufferedAmount;
              },
              terminate: () => raw.terminate(),
            },
            docId,
            registry,
            logger,
            { access: authz.access, identity: authz.identity, presence: null },
            {
              deadlineMs: limits.handshakeMs ?? 10_000,
              maxBytes: limits.preHandshakeBytes ?? 64 * 1024,
              maxBufferedBytes: limits.maxBufferedBytes ?? DEFAULT_LIMITS.maxBufferedBytes,
              // Connections without an identity (open boards) get the stricter budget.
              ...(authz.identity
                ? {
                    messagesPerSecond:
                      limits.maxMessagesPerSecond ?? DEFAULT_LIMITS.maxMessagesPerSecond,
                    burst: limits.messageBurst ?? DEFAULT_LIMITS.messageBurst,
                  }
                : {
                    messagesPerSecond:
                      limits.anonymousMessagesPerSecond ??
                      DEFAULT_LIMITS.anonymousMessagesPerSecond,
                    burst: limits.anonymousMessageBurst ?? DEFAULT_LIMITS.anonymousMessageBurst,
                  }),
            },
          );
          connections.add(conn);
          const self = conn;
          if (authz.identity) {
            const identity = authz.identity;
            // Presence stamp and live rights are settled before the first message is handled.
            void (async () => {
              self.setPresence(await service.access.presence(identity));
              ungovern = await service.access.govern({
                docId,
                identity,
                setAccess: (a) => self.setAccess(a),
                setPresence: (p) => self.setPresence(p),
                close: (code, reason) => self.close(code, reason),
              });
              if (self.isClosed) ungovern();
              else await self.start();
            })().catch((err: unknown) => {
              // E.g. the server is shutting down under a connection that is just opening.
              logger.warn('sync.setup_failed', { docId, error: errorMessage(err) });
              self.close(CloseCode.internalError, 'the connection could not be set up');
            });
          }
          raw.on('error', (err: Error & { code?: string }) => {
            if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
              logger.warn('sync.message_too_big', { docId, code: CloseCode.messageTooBig });
            } else {
              logger.warn('sync.socket_error', { docId, error: err.message });
            }
          });
          raw.on('pong', () => {
            alive = true;
          });
          ping = setInterval(() => {
            if (!alive) {
              logger.info('sync.ping_timeout', { docId });
              raw.terminate();
              return;
            }
            alive = false;
            raw.ping();
          }, deps.pingIntervalMs);
          if (!authz.identity) void conn.start();
          // Hono wraps every message in a MessageEvent holding a copy of its bytes. On this path
          // (thousands of messages a second under load, most of them cursor echoes: every
          // y-websocket client sends back each awareness update it receives) the connection
          // takes the bytes from ws itself (issue 24: 5 % of the server's JavaScript time).
          // Hono passes on what arrived before the socket was open synchronously after
          // `onOpen` returns, so its listener is swapped for ours a microtask later.
          queueMicrotask(() => {
            raw.removeAllListeners('message');
            raw.on('message', (data: Buffer, isBinary: boolean) =>
              deliver(isBinary ? data : data.toString('utf8')),
            );
          });
        },
        // What arrived before the socket was open, passed on by Hono (see `onOpen`).
        onMessage(evt) {
          const data: unknown = evt.data;
          deliver(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
        },
        onClose(evt) {
          registry.metrics.connectionClosed(evt.code);
          if (ping) clearInterval(ping);
          if (conn) {
            conn.onClosed();
            connections.delete(conn);
          }
          ungovern?.();
        },
      };
    }),
  );
}

import { CloseCode, parseDocId } from '@torg/shared';
import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { Logger } from '../logger.js';
import { SyncConnection } from '../sync/connection.js';
import type { DocRegistry } from '../sync/doc-registry.js';

export interface SyncRouteDeps {
  registry: DocRegistry;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  logger: Logger;
  connections: Set<SyncConnection>;
  pingIntervalMs: number;
}

/** `GET /sync/:docId` — the y-websocket endpoint. Invalid ids are refused before upgrading. */
export function syncRoutes(deps: SyncRouteDeps): Hono {
  const { registry, upgradeWebSocket, logger, connections } = deps;
  return new Hono().get(
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
      await next();
    },
    upgradeWebSocket((c) => {
      const docId = c.req.param('docId') ?? '';
      let conn: SyncConnection | null = null;
      let alive = true;
      let ping: NodeJS.Timeout | null = null;
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
            },
            docId,
            registry,
            logger,
          );
          connections.add(conn);
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
          void conn.start();
        },
        onMessage(evt) {
          const data: unknown = evt.data;
          if (typeof data === 'string' || data instanceof ArrayBuffer) conn?.receive(data);
          else conn?.close(CloseCode.malformedMessage, 'unsupported frame');
        },
        onClose() {
          if (ping) clearInterval(ping);
          if (conn) {
            conn.onClosed();
            connections.delete(conn);
          }
        },
      };
    }),
  );
}

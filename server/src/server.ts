import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { CloseCode } from '@torg/shared';
import { Hono } from 'hono';
import { AccountService } from './accounts/account-service.js';
import { createApp } from './app.js';
import { loadSecret, TokenSigner } from './auth/tokens.js';
import type { RedisBus } from './cluster/bus.js';
import { LocalCoordinator, RedisCoordinator } from './cluster/coordinator.js';
import type { ServerConfig } from './config.js';
import { ExportJobs } from './export/jobs.js';
import { DEFAULT_RENDER_QUEUE, defaultRenderThreads, RenderPool } from './export/render-pool.js';
import { type Metrics, NO_METRICS } from './metrics/metrics.js';
import type { PrometheusMetrics } from './metrics/prometheus.js';
import { type MetricsServer, serveMetrics } from './metrics/serve.js';
import { SqliteStorage } from './storage/sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { freeCompressorBetweenMessages, SYNC_COMPRESSION } from './sync/compression.js';
import type { SyncConnection } from './sync/connection.js';
import { DocRegistry } from './sync/doc-registry.js';
import { chooseSubprotocol } from './sync/subprotocol.js';
import { AttributionRecorder } from './workshops/attribution.js';
import { RetentionJob } from './workshops/retention.js';
import { WorkshopService } from './workshops/service.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: Hono;
  readonly registry: DocRegistry;
  readonly service: WorkshopService;
  /** Facilitator accounts, invites and sign-in (e.g. the first-start invite). */
  readonly accounts: AccountService;
  /** Who made and changed which board object (see `workshops/attribution.ts`). */
  attribution: AttributionRecorder;
  /** Deletes workshops whose retention time has passed (hourly; `run()` for one pass now). */
  readonly retention: RetentionJob;
  /** The worker threads exports render on. */
  readonly renderPool: RenderPool;
  /** Where the metrics are served when on a port of their own (`TORG_METRICS_PORT`); else null. */
  readonly metricsUrl: string | null;
  /** Closes every connection, flushes and compacts every document, closes storage. */
  close(): Promise<void>;
}

/** Builds and starts a server from a config object; several can run in one process. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // PostgreSQL's and Redis's clients are loaded only by a server configured to use them.
  const storage: Storage =
    config.storage ??
    (config.databaseUrl
      ? await (await import('./storage/postgres-storage.js')).PostgresStorage.open(
          config.databaseUrl,
        )
      : new SqliteStorage(config.dataDir));
  const storageKind = storage.sharedByServers ? 'postgresql' : 'sqlite';
  const connections = new Set<SyncConnection>();
  // prom-client is loaded only by a server that serves metrics; the others count nothing.
  const prometheus: PrometheusMetrics | null = config.metrics
    ? (await import('./metrics/prometheus.js')).prometheusMetrics({
        connections: () => connections.size,
        documents: () => registry.loadedCount,
        exportsRunning: () => renderPool.stats().running,
        exportsQueued: () => renderPool.stats().queued,
      })
    : null;
  const metrics: Metrics = prometheus ?? NO_METRICS;
  let bus: RedisBus | null = null;
  if (config.redisUrl) {
    // Servers share documents through the database; a file of one's own shares nothing.
    if (storageKind !== 'postgresql' && !config.storage)
      throw new Error('TORG_REDIS_URL needs TORG_DATABASE_URL: the servers share one database');
    const { RedisBus } = await import('./cluster/bus.js');
    bus = new RedisBus(config.redisUrl, config.logger, metrics);
    await bus.connect();
  }
  const coordinator = bus ? new RedisCoordinator(bus.commands) : new LocalCoordinator();
  const registry = new DocRegistry(
    storage,
    config.persistence,
    config.logger,
    config.limits.awarenessTickMs,
    bus,
    metrics,
  );
  // With PostgreSQL several servers share the database, so they share the secret through it
  // (the first to start stores it); with SQLite it stays in the data folder.
  const secret =
    !config.secret && storage.sharedByServers
      ? await storage.sharedSetting('token-secret', crypto.randomBytes(32).toString('base64url'))
      : loadSecret(config.dataDir, config.secret);
  const tokens = new TokenSigner(secret);
  const accounts = new AccountService(
    storage.access,
    secret,
    { adminToken: config.adminToken ?? null, oidc: config.oidc ?? null },
    config.logger,
  );
  const service = new WorkshopService(storage, registry, tokens, config.logger, coordinator, bus, {
    openBoards: config.openBoards ?? false,
    maxPeople: config.limits.maxPeoplePerWorkshop,
  });
  const attribution = new AttributionRecorder(
    registry,
    config.logger,
    async (boardId) => (await storage.access.tombstoned([boardId])).length > 0,
  );
  const exports = new ExportJobs(config.dataDir, config.logger, storage, config.redisUrl !== null);
  service.lifecycle.onDeleted.add((workshopId) => exports.cancelAll(workshopId));
  // Started on first use: a server that never exports starts no threads.
  const renderPool = new RenderPool({
    size: config.exportThreads ?? defaultRenderThreads(),
    maxQueued: DEFAULT_RENDER_QUEUE,
    logger: config.logger,
    metrics,
  });
  const retention = new RetentionJob(service, storage, config.logger, config.retention);
  // The WebSocket helper needs the app that upgrades go through, and the routes need the
  // helper: create the outer app first and mount the routes into it.
  const app = new Hono();
  // Set when the shutdown begins: `/readyz` says no from then on.
  let closing: Promise<void> | null = null;
  const nodeWs = createNodeWebSocket({ app });
  // ws refuses larger frames itself and closes with 1009 before buffering them whole.
  nodeWs.wss.options.maxPayload = config.limits.maxMessageBytes;
  // ws would echo the first offered subprotocol; ours answers `torg`, never a token.
  nodeWs.wss.options.handleProtocols = chooseSubprotocol;
  nodeWs.wss.options.perMessageDeflate = SYNC_COMPRESSION;
  app.route(
    '/',
    createApp({
      config,
      registry,
      upgradeWebSocket: nodeWs.upgradeWebSocket,
      connections,
      storage,
      service,
      exports,
      renderPool,
      tokens,
      accounts,
      draining: () => closing !== null,
      publicMetrics: config.metrics?.port == null ? prometheus : null,
    }),
  );

  const httpServer = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  nodeWs.injectWebSocket(httpServer);
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  config.logger.info('server.started', {
    url,
    storage: storageKind,
    cluster: bus ? { serverId: bus.serverId } : null,
    dataDir: config.storage || storageKind === 'postgresql' ? null : config.dataDir,
  });
  // After the line above, which tells scripts (and tests) the server's own URL.
  const where = config.metrics;
  const metricsServer: MetricsServer | null =
    prometheus && where?.port != null
      ? await serveMetrics(prometheus, { ...where, port: where.port }, config.logger)
      : null;

  retention.start();

  // A connection whose upgrade was still being checked when the shutdown began is upgraded
  // after the clients were told to reconnect: tell it the same, or it holds the shutdown
  // until it is cut off without a close code.
  nodeWs.wss.on('connection', (client) => {
    if (closing) client.close(CloseCode.serviceRestart, 'server restarting: reconnect');
    freeCompressorBetweenMessages(client);
  });
  return {
    url,
    port,
    app,
    registry,
    service,
    accounts,
    attribution,
    retention,
    renderPool,
    metricsUrl: metricsServer?.url ?? null,
    close() {
      closing ??= (async () => {
        // Drain: take no new connections (a load balancer moves on to another server), store
        // what is pending, then tell every client to reconnect.
        await retention.close();
        const http = httpServer as import('node:http').Server;
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        await registry.flush();
        for (const client of nodeWs.wss.clients)
          client.close(CloseCode.serviceRestart, 'server restarting: reconnect');
        // Sockets that ignore the close frame must not hold the shutdown.
        const terminate = setTimeout(() => {
          for (const client of nodeWs.wss.clients) client.terminate();
          http.closeAllConnections();
        }, 1000);
        terminate.unref();
        await stopped;
        clearTimeout(terminate);
        for (const conn of connections) conn.onClosed();
        connections.clear();
        exports.close();
        await renderPool.close();
        await metricsServer?.close();
        await attribution.settle();
        await registry.close();
        config.logger.info('server.stopped', {});
      })();
      return closing;
    },
  };
}

import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AccountService } from './accounts/account-service.js';
import type { TokenSigner } from './auth/tokens.js';
import type { ServerConfig } from './config.js';
import type { ExportJobs } from './export/jobs.js';
import type { RenderPool } from './export/render-pool.js';
import type { PrometheusMetrics } from './metrics/prometheus.js';
import type { Storage } from './storage/storage.js';
import type { SyncConnection } from './sync/connection.js';
import type { DocRegistry } from './sync/doc-registry.js';
import type { WorkshopService } from './workshops/service.js';

/** What the HTTP app and its route modules are built from (wired in `server.ts`). */
export interface AppDeps {
  config: ServerConfig;
  registry: DocRegistry;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  connections: Set<SyncConnection>;
  storage: Storage;
  service: WorkshopService;
  exports: ExportJobs;
  /** Worker threads that render exports (see `export/render-pool.ts`). */
  renderPool: RenderPool;
  tokens: TokenSigner;
  /** Facilitator accounts: sessions, sign-in, invites, the administrator token. */
  accounts: AccountService;
  /** Whether the server is shutting down (`/readyz` then says no). */
  draining?: () => boolean;
  /** The metrics `/metrics` serves on the public port (with their token); null: 404 there. */
  publicMetrics?: PrometheusMetrics | null;
}

import { SYNC_PATH } from '@torg/shared';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { AppDeps } from './app-deps.js';
import { handleErrors } from './errors.js';
import { liveSource } from './export/source.js';
import { accountRoutes } from './routes/account.js';
import { apiRoutes } from './routes/api.js';
import { assetRoutes } from './routes/assets.js';
import { authApiRoutes, signInRoutes } from './routes/auth.js';
import { boardExportRoutes } from './routes/board-export.js';
import { mountClient } from './routes/client.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { inputRoutes } from './routes/input.js';
import { metricsRoutes } from './routes/metrics.js';
import { checkOrigin } from './routes/middleware.js';
import { securityHeaders } from './routes/security-headers.js';
import { seriesRoutes } from './routes/series.js';
import { syncRoutes } from './routes/sync.js';
import { templateRoutes } from './routes/templates.js';
import { themeRoutes } from './routes/themes.js';
import { workshopRoutes } from './routes/workshops.js';
import { bodyLimits } from './security/body-limit.js';
import { edgeGuard } from './security/edge-guard.js';
import { TemplateLibrary } from './workshops/template-library.js';

/** The Hono app: small route modules mounted under their prefixes. */
const compressJson = compress({ contentTypeFilter: /^application\/json/ });
/**
 * JSON answers to reads are compressed (gzip) when larger than 1 kB: a board's authors list
 * on a phone's first load goes from 6.6 to under 2 kB. Only GETs: they echo nothing from the
 * request, so the size of a compressed answer cannot tell a guesser about a secret in it
 * (BREACH). Files (exports, images) keep their own types and go as they are.
 */
const compressReads: MiddlewareHandler = (c, next) =>
  c.req.method === 'GET' ? compressJson(c, next) : next();

export function createApp(deps: AppDeps): Hono {
  const { config, registry, connections } = deps;
  const app = new Hono();
  // Every route's refusals (`CommandError`) become JSON here, in one place; other errors 500.
  app.onError(handleErrors(config.logger));
  // First, so that every response gets them, errors and 404s included.
  app.use('*', securityHeaders(config.publicUrls));
  // Next, before any work: per-address budgets (429), then the body limit by path (413).
  const guard = edgeGuard(config, registry.metrics);
  const bodies = bodyLimits(config);
  app.use('/api/*', guard, bodies);
  app.use('/auth/*', guard, bodies);
  app.use('/metrics', guard);
  app.route('/', metricsRoutes(deps.publicMetrics ?? null, config.metrics?.token ?? null));
  app.route(
    '/',
    healthRoutes({
      registry,
      connections: () => connections.size,
      storage: deps.storage,
      draining: deps.draining ?? (() => false),
    }),
  );
  app.use('/api/*', checkOrigin(config.publicUrls));
  app.use('/api/*', compressReads);
  app.route('/api', authApiRoutes(deps.accounts, config));
  app.route('/api', accountRoutes(deps));
  app.route('/api', workshopRoutes(deps.service, deps.accounts));
  app.route('/api', seriesRoutes(deps.service));
  app.route('/api', themeRoutes(deps.service));
  app.route('/api', inputRoutes(deps.service, config.trustProxy ?? 0));
  app.route('/api', templateRoutes(deps.service, new TemplateLibrary(deps.storage, registry)));
  app.route('/api', apiRoutes(registry, deps.service, config));
  app.route('/api', assetRoutes(deps.storage, deps.service, config));
  app.route('/api', boardExportRoutes(deps));
  app.route('/api', importRoutes(deps));
  app.route(
    '/api',
    exportRoutes(deps.service, deps.exports, liveSource(registry, deps.storage), deps.renderPool),
  );
  app.route(
    SYNC_PATH,
    syncRoutes({
      registry,
      service: deps.service,
      publicUrls: config.publicUrls,
      limits: config.limits,
      upgradeWebSocket: deps.upgradeWebSocket,
      logger: config.logger,
      connections,
      pingIntervalMs: config.pingIntervalMs,
      trustProxy: config.trustProxy,
    }),
  );
  // Before the client: these are server pages, not client routes.
  app.route('/auth', signInRoutes(deps.accounts, config));
  if (config.staticDir) mountClient(app, config.staticDir);
  return app;
}

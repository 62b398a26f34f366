import { Hono } from 'hono';
import { secretsEqual } from '../accounts/signed.js';
import type { PrometheusMetrics } from '../metrics/prometheus.js';
import { bearer } from './middleware.js';

/**
 * `GET /metrics`: the server's metrics in Prometheus's text format. Off (404) unless
 * configured; with a token (`TORG_METRICS_TOKEN`) only for `Authorization: Bearer <token>`
 * (401 otherwise, the same for a wrong token and none). On the separate metrics port
 * (`TORG_METRICS_PORT`) the token is asked for only when one is set.
 */
export function metricsRoutes(metrics: PrometheusMetrics | null, token: string | null): Hono {
  return new Hono().get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (!metrics) return c.json({ error: 'not_found', message: 'metrics are off' }, 404);
    const given = bearer(c);
    if (token !== null && (given === null || !secretsEqual(given, token))) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: 'unauthorized', message: 'the metrics token is needed' }, 401);
    }
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType });
  });
}

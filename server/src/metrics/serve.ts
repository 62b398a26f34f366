import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Logger } from '../logger.js';
import { metricsRoutes } from '../routes/metrics.js';
import type { PrometheusMetrics } from './prometheus.js';

export interface MetricsServer {
  /** `http://<host>:<port>/metrics`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The metrics on a port of their own (`TORG_METRICS_PORT`, on `TORG_METRICS_HOST`, by default
 * 127.0.0.1): for a Prometheus inside the network, while the public port answers 404.
 * Nothing else is served there.
 */
export async function serveMetrics(
  metrics: PrometheusMetrics,
  where: { host: string; port: number; token: string | null },
  logger: Logger,
): Promise<MetricsServer> {
  const app = new Hono().route('/', metricsRoutes(metrics, where.token));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: where.port, hostname: where.host }, () => resolve(s));
    s.once('error', reject);
  });
  const url = `http://${where.host}:${(server.address() as AddressInfo).port}/metrics`;
  logger.info('metrics.started', { url });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        (server as import('node:http').Server).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

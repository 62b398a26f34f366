import { CloseCode } from '@torg/shared';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

/** What the server holds right now, read at each scrape. */
export interface Holdings {
  connections(): number;
  documents(): number;
  exportsRunning(): number;
  exportsQueued(): number;
}

/** The metrics, and their text for Prometheus. */
export interface PrometheusMetrics extends Metrics {
  readonly contentType: string;
  text(): Promise<string>;
}

/**
 * Close codes counted under their own number: the protocol's and the standard ones. A client
 * may close with any code from 3000 to 4999; counted as `other`, so a hostile client cannot
 * grow the metrics without bound.
 */
const KNOWN_CODES = new Set<number>([...Object.values(CloseCode), 1001, 1005, 1006]);

const SECONDS_FAST = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SECONDS_SLOW = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The server's metrics in Prometheus's text format (`prom-client`), besides Node's own
 * (`process_*`, `nodejs_*`: CPU, memory, event-loop delay, garbage collection). Loaded only by
 * a server that serves them (see `metrics.ts`); one registry per server, so servers in one
 * process (tests) count apart.
 */
export function prometheusMetrics(now: Holdings): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('torg_sync_connections', 'Open sync (WebSocket) connections', now.connections);
  gauge('torg_documents_loaded', 'Documents (boards, workshops) held in memory', now.documents);
  gauge('torg_exports_running', 'Exports rendering on export threads now', now.exportsRunning);
  gauge('torg_exports_queued', 'Exports waiting for an export thread', now.exportsQueued);

  const messages = new Counter({
    name: 'torg_sync_messages_total',
    help: 'Sync messages received from clients (in) and sent to them (out)',
    labelNames: ['direction'],
    registers,
  });
  const bytes = new Counter({
    name: 'torg_sync_bytes_total',
    help: 'Bytes of sync messages received (inflated) and sent (before compression)',
    labelNames: ['direction'],
    registers,
  });
  // Bound once: the sync path counts every message.
  const [messagesIn, messagesOut] = [messages.labels('in'), messages.labels('out')];
  const [bytesIn, bytesOut] = [bytes.labels('in'), bytes.labels('out')];
  const refused = new Counter({
    name: 'torg_sync_writes_refused_total',
    help: 'Changes from clients that were not applied (read-only access, locked furniture)',
    labelNames: ['reason'],
    registers,
  });
  const closed = new Counter({
    name: 'torg_sync_connections_closed_total',
    help: 'Sync connections ended, by close code (1006: without a closing handshake)',
    labelNames: ['code'],
    registers,
  });
  const commits = new Histogram({
    name: 'torg_storage_commit_seconds',
    help: 'Group commits of pending document changes to storage, by how long they took',
    buckets: SECONDS_FAST,
    registers,
  });
  const exports = new Histogram({
    name: 'torg_export_duration_seconds',
    help: 'Exports ended, by kind, format and outcome, and how long they took (queue included)',
    labelNames: ['kind', 'format', 'outcome'],
    buckets: SECONDS_SLOW,
    registers,
  });
  const limited = new Counter({
    name: 'torg_rate_limited_total',
    help: 'Requests and connections refused by a budget, by budget',
    labelNames: ['budget'],
    registers,
  });
  const bus = new Histogram({
    name: 'torg_cluster_bus_lag_seconds',
    help: "Messages from other servers over Redis, by the time from sending to arrival (servers' clocks)",
    buckets: SECONDS_FAST,
    registers,
  });

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    syncReceived(n) {
      messagesIn.inc();
      bytesIn.inc(n);
    },
    syncSent(n) {
      messagesOut.inc();
      bytesOut.inc(n);
    },
    writeRefused: (reason) => refused.inc({ reason }),
    connectionClosed: (code) =>
      closed.inc({ code: KNOWN_CODES.has(code) ? String(code) : 'other' }),
    storageCommitted: (seconds) => commits.observe(seconds),
    exportEnded: (kind, format, outcome, seconds) =>
      exports.observe({ kind, format, outcome }, seconds),
    rateLimited: (budget) => limited.inc({ budget }),
    // Clocks of two machines may differ by a little: never below zero.
    busDelivered: (lag) => bus.observe(Math.max(0, lag)),
  };
}

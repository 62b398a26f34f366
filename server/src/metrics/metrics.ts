/**
 * What the server counts for an operations team. The parts that see something happen call
 * these; with metrics off (the default) every call does nothing, and with them on
 * (`TORG_METRICS_TOKEN` or `TORG_METRICS_PORT`) `prometheus.ts` turns them into Prometheus
 * metrics on `/metrics`. Each call is a few additions: the sync path calls them per message.
 */
export interface Metrics {
  /** A sync message from a client, its size as the server received it (inflated). */
  syncReceived(bytes: number): void;
  /** A sync message to a client, its size before compression. */
  syncSent(bytes: number): void;
  /** A client's change that was not applied (it may read only, or it touched locked furniture). */
  writeRefused(reason: WriteRefusal): void;
  /** A sync connection ended, with the close code of its closing handshake (1006: none). */
  connectionClosed(code: number): void;
  /** One group commit of pending document changes to storage, and how long it took. */
  storageCommitted(seconds: number): void;
  /** An export ended (a workshop's export job or one board's file). */
  exportEnded(kind: ExportKind, format: string, outcome: ExportOutcome, seconds: number): void;
  /** A request or connection refused by a budget (429 over HTTP, 4429 on a sync connection). */
  rateLimited(budget: string): void;
  /** A message from another server arrived over the cluster bus, this long after it was sent. */
  busDelivered(lagSeconds: number): void;
}

export type WriteRefusal = 'read-only' | 'locked-furniture';
export type ExportKind = 'workshop' | 'board';
/** `refused`: too many exports waited already (503). */
export type ExportOutcome = 'done' | 'failed' | 'cancelled' | 'refused';

const nothing = () => {};

/** Metrics off: nothing is counted, nothing is loaded. */
export const NO_METRICS: Metrics = {
  syncReceived: nothing,
  syncSent: nothing,
  writeRefused: nothing,
  connectionClosed: nothing,
  storageCommitted: nothing,
  exportEnded: nothing,
  rateLimited: nothing,
  busDelivered: nothing,
};
